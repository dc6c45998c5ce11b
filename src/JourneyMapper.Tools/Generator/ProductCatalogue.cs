using System.Globalization;

namespace JourneyMapper.Tools.Generator;

/// <summary>Products with stable ids, categories and prices; popularity is skewed like a real shop's.</summary>
internal sealed class ProductCatalogue
{
    private static readonly string[] CategoryNames =
    [
        "shoes", "jackets", "bags", "watches", "kitchen", "garden", "books", "toys", "electronics", "beauty",
    ];

    // One search vocabulary per category (same order), so searches lead to matching products.
    private static readonly string[][] SearchTermsByCategory =
    [
        ["running shoes", "winter boots", "sneakers"],
        ["rain jacket", "down jacket"],
        ["leather bag", "backpack"],
        ["smart watch", "diver watch"],
        ["coffee grinder", "frying pan"],
        ["garden hose", "lawn mower"],
        ["crime novel", "cookbook"],
        ["lego", "puzzle"],
        ["headphones", "usb-c charger"],
        ["face cream", "sunscreen"],
    ];

    // Terms are numbered across the categories, so that a planned search holds one number.
    private static readonly string[] SearchTerms = [.. SearchTermsByCategory.SelectMany(terms => terms)];
    private static readonly int[] FirstSearchTerms = FirstTermOfEachCategory();

    private readonly decimal[] _prices;

    // Made on first use and kept: the popular products are named in most events.
    private readonly string?[] _ids;

    public ProductCatalogue(int size, Random random)
    {
        _prices = new decimal[size];
        _ids = new string?[size];
        for (var i = 0; i < size; i++)
        {
            // Log-uniform between 5 and 500 with shop-style .99 endings.
            var raw = 5 * Math.Pow(100, random.NextDouble());
            _prices[i] = Math.Floor((decimal)raw) + 0.99m;
        }
    }

    public int Count => _prices.Length;

    public string Id(int product) => _ids[product] ??= string.Create(CultureInfo.InvariantCulture, $"prod-{product:D5}");

    public static int Category(int product) => product % CategoryNames.Length;

    public static int CategoryCount => CategoryNames.Length;

    public static string CategoryName(int category) => CategoryNames[category];

    public static int SearchTermCount => SearchTerms.Length;

    /// <summary>A term of the category's search vocabulary, by its number.</summary>
    public static int PickSearchTerm(int category, Random random) => FirstSearchTerms[category] + random.Next(SearchTermsByCategory[category].Length);

    public static string SearchTerm(int term) => SearchTerms[term];

    public decimal Price(int product) => _prices[product];

    /// <summary>Low indices are the bestsellers, so repeated views of the same product happen naturally.</summary>
    public int PickPopular(Random random) => Math.Min(Count - 1, (int)(Count * Math.Pow(random.NextDouble(), 2.5)));

    /// <summary>A popular product of one category, as a search or a category page would show first.</summary>
    public int PickPopularIn(int category, Random random)
    {
        var product = PickPopular(random);
        product += category - Category(product);
        return product < Count ? product : category % Count;
    }

    /// <summary>A product from the same category as <paramref name="product"/>, as a recommendation would be.</summary>
    public int PickRelated(int product, Random random)
    {
        var step = CategoryNames.Length * (1 + random.Next(5));
        var related = product + (random.Next(2) == 0 ? step : -step);
        return related >= 0 && related < Count ? related : PickPopular(random);
    }

    private static int[] FirstTermOfEachCategory()
    {
        var first = new int[SearchTermsByCategory.Length];
        for (var category = 1; category < first.Length; category++)
        {
            first[category] = first[category - 1] + SearchTermsByCategory[category - 1].Length;
        }

        return first;
    }
}
