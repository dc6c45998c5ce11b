using System.Globalization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Makes the ClickEvent of a planned click when it is emitted: the customer's identity and the session's device and
/// campaign on every event, the page before as referrer, and the step's event type, product and properties. Strings
/// that recur (pages, product ids, prices) are made once, so an event costs little more than its own object.
/// </summary>
internal sealed class ClickRenderer
{
    private const string WebRoot = "https://shop.example.com";
    private const string AppRoot = "app://journeyshop";

    private readonly ProductCatalogue _catalogue;
    private readonly ShopSite _web;
    private readonly ShopSite _app;
    private readonly string?[] _prices;

    public ClickRenderer(ProductCatalogue catalogue)
    {
        _catalogue = catalogue;
        _web = new ShopSite(WebRoot, catalogue);
        _app = new ShopSite(AppRoot, catalogue);
        _prices = new string?[catalogue.Count];
    }

    /// <summary>The event of the session's click at <paramref name="position"/>.</summary>
    public ClickEvent Render(SessionPlan session, int position, string eventId)
    {
        var clicks = session.Clicks;
        var click = clicks[position];
        var device = session.Device;
        var site = device.IsApp ? _app : _web;

        string eventType;
        string? productId = null;
        string? channel = null;
        EventProperties? properties = null;
        switch (click.Step)
        {
            case ClickStep.AppOpen:
                eventType = ClickEventTypes.AppOpen;
                properties = Props(("appVersion", device.UserAgent.Split(' ')[0]));
                break;
            case ClickStep.EmailClick:
                eventType = ClickEventTypes.EmailClick;
                channel = "email";
                properties = Props(("emailId", string.Create(CultureInfo.InvariantCulture, $"mail-{ShopVocabulary.Campaigns[click.Subject]}-{session.Customer.Index:D6}")));
                break;
            case ClickStep.EmailLanding or ClickStep.FrontPage or ClickStep.CategoryPage or ClickStep.CartPage
                or ClickStep.PaymentPage or ClickStep.OrdersPage or ClickStep.HelpPage:
                eventType = ClickEventTypes.PageView;
                break;
            case ClickStep.ProductView:
                eventType = ClickEventTypes.ProductView;
                productId = _catalogue.Id(click.Subject);
                properties = Props(
                    ("category", ProductCatalogue.CategoryName(ProductCatalogue.Category(click.Subject))),
                    ("price", Price(click.Subject)),
                    ("currency", ShopVocabulary.Currency));
                break;
            case ClickStep.Login:
                eventType = ClickEventTypes.Login;
                properties = Props(("method", ShopVocabulary.LoginMethods[click.Option]));
                break;
            case ClickStep.Search:
                eventType = ClickEventTypes.Search;
                properties = Props(("query", ProductCatalogue.SearchTerm(click.Subject)), ("results", Number(click.Count)));
                break;
            case ClickStep.AddToCart:
                eventType = ClickEventTypes.AddToCart;
                productId = _catalogue.Id(click.Subject);
                properties = Props(("quantity", Number(click.Count)), ("price", Price(click.Subject)), ("currency", ShopVocabulary.Currency));
                break;
            case ClickStep.ProductQuestion:
                eventType = ClickEventTypes.SupportContact;
                channel = "support";
                productId = _catalogue.Id(click.Subject);
                properties = Props(("topic", "sizing"), ("medium", ShopVocabulary.SupportMedia[click.Option]));
                break;
            case ClickStep.RemoveFromCart:
                eventType = ClickEventTypes.RemoveFromCart;
                productId = _catalogue.Id(click.Subject);
                properties = Props(("quantity", Number(click.Count)));
                break;
            case ClickStep.CheckoutStart:
                eventType = ClickEventTypes.CheckoutStart;
                properties = Props(("items", Number(click.Count)), ("value", Money(click.Cents / 100m)), ("currency", ShopVocabulary.Currency));
                break;
            case ClickStep.Purchase:
                eventType = ClickEventTypes.Purchase;
                productId = click.Subject >= 0 ? _catalogue.Id(click.Subject) : null;

                // The order is numbered by the time checkout started, the click before.
                properties = Props(
                    ("currency", ShopVocabulary.Currency),
                    ("price", Money(click.Cents / 100m)),
                    ("items", Number(click.Count)),
                    ("orderId", string.Create(CultureInfo.InvariantCulture, $"ord-{clicks[position - 1].Timestamp:x}-{device.DeviceId}")),
                    ("paymentMethod", ShopVocabulary.PaymentMethods[click.Option]));
                break;
            case ClickStep.SupportContact:
                eventType = ClickEventTypes.SupportContact;
                channel = "support";
                properties = Props(("topic", ShopVocabulary.SupportTopics[click.Subject]), ("medium", ShopVocabulary.SupportMedia[click.Option]));
                break;
            case ClickStep.Feedback:
                eventType = ClickEventTypes.Feedback;
                properties = Props(("rating", Number(click.Count)));
                break;
            case ClickStep.Logout:
                eventType = ClickEventTypes.Logout;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(position), click.Step, "not a click step");
        }

        var customer = session.Customer;
        return new ClickEvent
        {
            EventId = eventId,
            Timestamp = click.Timestamp,
            EventType = eventType,
            UserId = customer.UserId,
            AnonymousId = customer.AnonymousId,
            Channel = channel ?? device.Channel,
            ProductId = productId,
            PageUrl = site.PageOf(click),
            Referrer = Referrer(session, position, site),
            Campaign = session.Campaign,
            DeviceId = device.DeviceId,
            IpAddress = device.IpAddress,
            UserAgent = device.UserAgent,
            Properties = properties,
        };
    }

    /// <summary>
    /// The page before: email and support touchpoints happen outside the site and refer nothing, and the first page
    /// was referred from wherever the session came from.
    /// </summary>
    private static string? Referrer(SessionPlan session, int position, ShopSite site)
    {
        var clicks = session.Clicks;
        for (var i = position - 1; i >= 0; i--)
        {
            if (!clicks[i].IsTouchpoint)
            {
                return site.PageOf(clicks[i]);
            }
        }

        return session.EntryReferrer;
    }

    private string Price(int product) => _prices[product] ??= Money(_catalogue.Price(product));

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static EventProperties Props(params ReadOnlySpan<(string Key, string Value)> entries)
    {
        var properties = new EventProperties.Builder();
        foreach (var (key, value) in entries)
        {
            properties.Set(key, value);
        }

        return properties.ToProperties();
    }
}
