using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace JourneyMapper.Worker.Tests.Hosting;

/// <summary>
/// No Docker engine runs here, so the image is never started in CI. What can be checked without one is checked: the
/// runtime stage's base image carries every shared framework the worker's runtimeconfig asks for, or the container
/// would stop at once with the host's "framework not found".
/// </summary>
public sealed partial class ContainerImageTests
{
    // The frameworks each official .NET runtime image carries.
    private static readonly Dictionary<string, string[]> FrameworksByImage = new(StringComparer.Ordinal)
    {
        ["mcr.microsoft.com/dotnet/runtime"] = ["Microsoft.NETCore.App"],
        ["mcr.microsoft.com/dotnet/aspnet"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
    };

    [Fact]
    public void TheRuntimeImageCarriesEveryFrameworkTheWorkerNeeds()
    {
        var image = RuntimeStageImage(File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "Dockerfile")));
        Assert.True(FrameworksByImage.TryGetValue(image, out var carried), $"The runtime stage uses {image}, which is not a .NET runtime image.");

        Assert.Equal(["Microsoft.AspNetCore.App", "Microsoft.NETCore.App"], WorkerFrameworks());
        Assert.All(WorkerFrameworks(), framework => Assert.Contains(framework, carried));
    }

    private static string RuntimeStageImage(string dockerfile)
    {
        var match = RuntimeStage().Match(dockerfile);
        Assert.True(match.Success, "The Dockerfile has no stage named `runtime`.");
        return match.Groups["image"].Value;
    }

    private static string[] WorkerFrameworks()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "JourneyMapper.Worker.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray()
            .Select(framework => framework.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [GeneratedRegex(@"^FROM\s+(?<image>[^\s:@]+)\S*\s+AS\s+runtime\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex RuntimeStage();
}
