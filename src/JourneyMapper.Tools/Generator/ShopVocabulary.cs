namespace JourneyMapper.Tools.Generator;

/// <summary>
/// The words that both the journey scripts choose among and the rendered events carry: a planned click holds an
/// index into these lists, and <see cref="ClickRenderer"/> writes the word.
/// </summary>
internal static class ShopVocabulary
{
    public const string Currency = "EUR";

    public static readonly string[] Campaigns =
    [
        "spring-sale", "newsletter-weekly", "new-arrivals", "back-in-stock", "loyalty-bonus",
    ];

    public static readonly string[] LoginMethods = ["password", "sso"];
    public static readonly string[] SupportTopics = ["delivery", "returns", "payment", "sizing", "warranty"];
    public static readonly string[] SupportMedia = ["chat", "phone", "email"];
    public static readonly string[] PaymentMethods = ["card", "paypal", "klarna", "apple_pay"];
}
