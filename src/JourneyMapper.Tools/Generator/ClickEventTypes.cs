namespace JourneyMapper.Tools.Generator;

/// <summary>The canonical eventType values of the SPEC, the only ones the generator emits.</summary>
internal static class ClickEventTypes
{
    public const string PageView = "page_view";
    public const string ProductView = "product_view";
    public const string Search = "search";
    public const string AddToCart = "add_to_cart";
    public const string RemoveFromCart = "remove_from_cart";
    public const string CheckoutStart = "checkout_start";
    public const string Purchase = "purchase";
    public const string SupportContact = "support_contact";
    public const string Login = "login";
    public const string Logout = "logout";
    public const string EmailClick = "email_click";
    public const string AppOpen = "app_open";
    public const string Feedback = "feedback";
}
