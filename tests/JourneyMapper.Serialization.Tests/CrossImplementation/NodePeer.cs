using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>The tests that talk to the node peer share one process, so they run one at a time in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class CrossImplementationCollection : ICollectionFixture<NodePeer>
{
    public const string Name = "CrossImplementation";
}

/// <summary>
/// One long-lived <c>node peer.js</c> process (node/ beside this file, run in place), spoken to in JSON lines over
/// stdin/stdout. Before starting it, installs the pinned npm packages with <c>npm ci</c> when node_modules is missing
/// or was installed from another package-lock.json, so a fresh clone needs nothing but node and npm.
/// </summary>
public sealed class NodePeer : IAsyncLifetime, IDisposable
{
    public const string Avsc = "avsc";
    public const string AvroJs = "avro-js";

    /// <summary>The two independent JavaScript Avro implementations every value is checked against.</summary>
    public static readonly IReadOnlyList<string> Libraries = [Avsc, AvroJs];

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private const string StampFile = ".journeymapper-lock.sha256";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private long _nextId;

    public static string NodeDirectory { get; } =
        Path.Combine(TestSupport.RepositoryRoot.Path, "tests", "JourneyMapper.Serialization.Tests", "CrossImplementation", "node");

    /// <summary>What the peer reported at start: node and the three packages' installed versions.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        StartPeer();
        using var cts = new CancellationTokenSource(StartTimeout);
        var response = await SendAsync(new JsonObject { ["op"] = "versions" }, cts.Token).ConfigureAwait(false);
        Versions = response["versions"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        _gate.Dispose();
    }

    public async Task<byte[]> EncodeAsync(string library, string schemaJson, JsonNode? value)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "encode", ["lib"] = library, ["schema"] = schemaJson, ["value"] = value?.DeepClone() })
            .ConfigureAwait(false);
        return Convert.FromBase64String(response["bytes"]!.GetValue<string>());
    }

    public async Task<JsonNode?> DecodeAsync(string library, string schemaJson, byte[] bytes)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "decode", ["lib"] = library, ["schema"] = schemaJson, ["bytes"] = Convert.ToBase64String(bytes) })
            .ConfigureAwait(false);
        return response["value"];
    }

    /// <summary>
    /// The Parsing Canonical Form of the schema by avsc, by avro-js and by peer.js's own schema walker (which the
    /// tagged JSON conversion relies on); and whether avro-js needed the namespace workaround (see peer.js).
    /// </summary>
    public async Task<CanonicalForms> CanonicalFormsAsync(string schemaJson)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "canonical", ["schema"] = schemaJson }).ConfigureAwait(false);
        return new CanonicalForms(
            response[Avsc]!.GetValue<string>(),
            response[AvroJs]!.GetValue<string>(),
            response["peer"]!.GetValue<string>(),
            response["avroJsNamespaceWorkaround"]!.GetValue<bool>());
    }

    /// <summary>Registers the schema in @confluentinc/schemaregistry's own in-memory registry (a mock:// client).</summary>
    public async Task<int> ConfluentRegisterAsync(string subject, string schemaJson)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "confluentRegister", ["subject"] = subject, ["schema"] = schemaJson }).ConfigureAwait(false);
        return response["schemaId"]!.GetValue<int>();
    }

    /// <summary>Confluent's AvroSerializer, with the latest version registered under the topic's value subject.</summary>
    public async Task<byte[]> ConfluentSerializeAsync(string topic, string schemaJson, JsonNode? value)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "confluentSerialize", ["topic"] = topic, ["schema"] = schemaJson, ["value"] = value?.DeepClone() })
            .ConfigureAwait(false);
        return Convert.FromBase64String(response["bytes"]!.GetValue<string>());
    }

    /// <summary>Confluent's AvroDeserializer: reads the framing, fetches the writer's schema by id, decodes.</summary>
    public async Task<JsonNode?> ConfluentDeserializeAsync(string topic, string schemaJson, byte[] message)
    {
        var response = await SendAsync(new JsonObject { ["op"] = "confluentDeserialize", ["topic"] = topic, ["schema"] = schemaJson, ["bytes"] = Convert.ToBase64String(message) })
            .ConfigureAwait(false);
        return response["value"];
    }

    private async Task<JsonObject> SendAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        var process = _process ?? throw new InvalidOperationException("The node peer is not running.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        await _gate.WaitAsync(timeout.Token).ConfigureAwait(false);
        try
        {
            long id = ++_nextId;
            request["id"] = id;
            await process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), timeout.Token).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(timeout.Token).ConfigureAwait(false);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The node peer did not answer '{request["op"]}' within {RequestTimeout.TotalSeconds} s. Its stderr:\n{Stderr()}");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"The node peer exited. Its stderr:\n{Stderr()}");
            }

            var response = JsonNode.Parse(line)!.AsObject();
            if (response["id"]?.GetValue<long>() != id)
            {
                throw new InvalidOperationException($"The node peer answered request {id} with: {Truncate(line)}");
            }

            if (response["error"] is { } error)
            {
                throw new NodePeerException($"node ({request["lib"]?.GetValue<string>() ?? request["op"]!.GetValue<string>()}) failed '{request["op"]}': {error.GetValue<string>()}");
            }

            return response;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartPeer()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("peer.js");
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "The cross-implementation tests need Node.js (20 or later) on PATH to run the JavaScript Avro peers; 'node' could not be started.", e);
        }

        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < 20_000)
                    {
                        _stderr.AppendLine(e.Data);
                    }
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> unless node_modules was installed from this very package-lock.json (a stamp file in
    /// node_modules records the lock's hash). A file lock keeps two test processes from installing at once.
    /// </summary>
    private static async Task EnsureInstalledAsync()
    {
        string lockPath = Path.Combine(NodeDirectory, "package-lock.json");
        string stampPath = Path.Combine(NodeDirectory, "node_modules", StampFile);
        string lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(lockPath).ConfigureAwait(false)));
        if (File.Exists(stampPath) && (await File.ReadAllTextAsync(stampPath).ConfigureAwait(false)).Trim() == lockHash)
        {
            return;
        }

        string installLockPath = Path.Combine(Path.GetTempPath(), $"journeymapper-npm-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(NodeDirectory)))[..16]}.lock");
        using var installLock = await AcquireFileLockAsync(installLockPath).ConfigureAwait(false);
        if (File.Exists(stampPath) && (await File.ReadAllTextAsync(stampPath).ConfigureAwait(false)).Trim() == lockHash)
        {
            return;
        }

        // npm ci installs exactly the lock file's versions (and fails if package.json disagrees with it); no install
        // scripts are needed by these packages, and none should run inside a test.
        string[] arguments = ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"];
        var (exitCode, output) = await RunNpmAsync(arguments).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'npm {string.Join(' ', arguments)}' in {NodeDirectory} failed with exit code {exitCode}:\n{Truncate(output)}");
        }

        await File.WriteAllTextAsync(stampPath, lockHash).ConfigureAwait(false);
    }

    private static async Task<(int ExitCode, string Output)> RunNpmAsync(string[] arguments)
    {
        // On Windows npm is a .cmd script, which only a shell can start.
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe") : new ProcessStartInfo("npm");
        if (OperatingSystem.IsWindows())
        {
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add("npm");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = NodeDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "The cross-implementation tests install avsc, avro-js and @confluentinc/schemaregistry with npm, but 'npm' could not be started: install Node.js 20+ with npm and put it on PATH.", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(InstallTimeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'npm {string.Join(' ', arguments)}' in {NodeDirectory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
            }

            output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
            return (process.ExitCode, output.ToString());
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..2000] + "\n...\n" + text[^2000..];
}

/// <summary>Parsing Canonical Forms computed on the node side.</summary>
public sealed record CanonicalForms(string Avsc, string AvroJs, string PeerWalker, bool AvroJsNamespaceWorkaround);

/// <summary>The node peer ran the request and reported a failure (e.g. the library rejected the value or the bytes).</summary>
public sealed class NodePeerException : Exception
{
    public NodePeerException()
    {
    }

    public NodePeerException(string message)
        : base(message)
    {
    }

    public NodePeerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
