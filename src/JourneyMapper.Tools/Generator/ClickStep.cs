namespace JourneyMapper.Tools.Generator;

/// <summary>
/// What a <see cref="PlannedClick"/> does, and so which event it becomes. Each step names the values of the planned
/// click it reads; the others are 0.
/// </summary>
internal enum ClickStep : byte
{
    /// <summary>app_open on the app's home page.</summary>
    AppOpen,

    /// <summary>email_click, from the email channel, on the landing page of campaign Subject (<see cref="ShopVocabulary.Campaigns"/>).</summary>
    EmailClick,

    /// <summary>page_view of the landing page of campaign Subject.</summary>
    EmailLanding,

    /// <summary>page_view of the front page.</summary>
    FrontPage,

    /// <summary>page_view of category Subject.</summary>
    CategoryPage,

    /// <summary>product_view of product Subject.</summary>
    ProductView,

    /// <summary>login by method Option (<see cref="ShopVocabulary.LoginMethods"/>).</summary>
    Login,

    /// <summary>page_view of the cart.</summary>
    CartPage,

    /// <summary>page_view of checkout's payment step.</summary>
    PaymentPage,

    /// <summary>search for term Subject (<see cref="ProductCatalogue.SearchTerm"/>) with Count results.</summary>
    Search,

    /// <summary>add_to_cart of Count of product Subject.</summary>
    AddToCart,

    /// <summary>support_contact, from the support channel, about the sizing of product Subject by medium Option (<see cref="ShopVocabulary.SupportMedia"/>).</summary>
    ProductQuestion,

    /// <summary>remove_from_cart of Count of product Subject.</summary>
    RemoveFromCart,

    /// <summary>checkout_start of Count items worth Cents.</summary>
    CheckoutStart,

    /// <summary>
    /// purchase of Count items worth Cents, paid by Option (<see cref="ShopVocabulary.PaymentMethods"/>); Subject is the
    /// product when the cart held one alone, else -1.
    /// </summary>
    Purchase,

    /// <summary>page_view of the customer's orders.</summary>
    OrdersPage,

    /// <summary>page_view of help topic Subject (<see cref="ShopVocabulary.SupportTopics"/>).</summary>
    HelpPage,

    /// <summary>support_contact, from the support channel, on help topic Subject by medium Option.</summary>
    SupportContact,

    /// <summary>feedback with rating Count.</summary>
    Feedback,

    /// <summary>logout.</summary>
    Logout,
}
