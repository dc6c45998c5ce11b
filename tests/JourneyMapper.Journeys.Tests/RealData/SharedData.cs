namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>
/// Finds files in <c>shared/data</c>, which lives beside the repository (<c>&lt;repo&gt;/../shared/data</c>) on
/// developer machines and in CI alike: the search walks up from the test's base directory, so it does not depend
/// on the build configuration or output layout.
/// </summary>
internal static class SharedData
{
    public static string Locate(params string[] relativePath)
    {
        var start = AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine([directory.FullName, "shared", "data", .. relativePath]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"shared/data/{string.Join('/', relativePath)} was not found in {start} or any folder above it: " +
            "the shared data sits beside the repository, at <repo>/../shared/data.");
    }
}
