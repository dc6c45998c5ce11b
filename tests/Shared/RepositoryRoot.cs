namespace JourneyMapper.TestSupport;

/// <summary>
/// The checkout the tests run from: the first directory above the test assembly that holds JourneyMapper.sln. Tests that
/// read the repository's own files (schemas, the Dockerfile, the Node peer's scripts) find them from here.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "JourneyMapper.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No JourneyMapper.sln above {AppContext.BaseDirectory}: these tests run from a checkout of the repository.");
    }
}
