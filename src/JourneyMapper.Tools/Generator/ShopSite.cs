namespace JourneyMapper.Tools.Generator;

/// <summary>
/// The page URLs of one site, the web shop or the app, each made once: events name the same few hundred pages over
/// and over. Product pages are made when first visited.
/// </summary>
internal sealed class ShopSite
{
    // The steps whose page is the same whatever the click's values.
    private static readonly (ClickStep Step, string Path)[] FixedPaths =
    [
        (ClickStep.AppOpen, "/home"),
        (ClickStep.FrontPage, "/"),
        (ClickStep.Login, "/account/login"),
        (ClickStep.CartPage, "/cart"),
        (ClickStep.RemoveFromCart, "/cart"),
        (ClickStep.PaymentPage, "/checkout/payment"),
        (ClickStep.ProductQuestion, "/help/product"),
        (ClickStep.CheckoutStart, "/checkout"),
        (ClickStep.Purchase, "/checkout/confirmation"),
        (ClickStep.OrdersPage, "/account/orders"),
        (ClickStep.Feedback, "/feedback"),
        (ClickStep.Logout, "/account/logout"),
    ];

    private readonly string _root;
    private readonly ProductCatalogue _catalogue;
    private readonly string?[] _fixedPages = new string?[Enum.GetValues<ClickStep>().Length];
    private readonly string[] _landingPages;
    private readonly string[] _categoryPages;
    private readonly string[] _searchPages;
    private readonly string[] _helpPages;
    private readonly string[] _contactPages;
    private readonly string?[] _productPages;

    public ShopSite(string root, ProductCatalogue catalogue)
    {
        _root = root;
        _catalogue = catalogue;
        foreach (var (step, path) in FixedPaths)
        {
            _fixedPages[(int)step] = root + path;
        }

        _landingPages = [.. ShopVocabulary.Campaigns.Select(campaign => $"{root}/landing/{campaign}?utm_source=newsletter&utm_campaign={campaign}")];
        _categoryPages = [.. Enumerable.Range(0, ProductCatalogue.CategoryCount).Select(category => $"{root}/category/{ProductCatalogue.CategoryName(category)}")];
        _searchPages = [.. Enumerable.Range(0, ProductCatalogue.SearchTermCount).Select(term => $"{root}/search?q={Uri.EscapeDataString(ProductCatalogue.SearchTerm(term))}")];
        _helpPages = [.. ShopVocabulary.SupportTopics.Select(topic => $"{root}/help/{topic}")];
        _contactPages = [.. ShopVocabulary.SupportTopics.Select(topic => $"{root}/help/{topic}/contact")];
        _productPages = new string?[catalogue.Count];
    }

    /// <summary>The page the click happens on.</summary>
    public string PageOf(in PlannedClick click) => click.Step switch
    {
        ClickStep.EmailClick or ClickStep.EmailLanding => _landingPages[click.Subject],
        ClickStep.CategoryPage => _categoryPages[click.Subject],
        ClickStep.ProductView or ClickStep.AddToCart => _productPages[click.Subject] ??= $"{_root}/product/{_catalogue.Id(click.Subject)}",
        ClickStep.Search => _searchPages[click.Subject],
        ClickStep.HelpPage => _helpPages[click.Subject],
        ClickStep.SupportContact => _contactPages[click.Subject],
        _ => _fixedPages[(int)click.Step] ?? throw new ArgumentOutOfRangeException(nameof(click), click.Step, "a step without a page"),
    };
}
