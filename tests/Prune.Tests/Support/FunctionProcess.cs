using ImageCacheFunctions.Functions.PruneExpired;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.Support;

/// <summary>
/// The prune-expired function run as of-watchdog runs it: <c>dotnet PruneExpired.dll</c> with
/// PORT, the secrets directory (function-key) and its settings as environment variables.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public const string FunctionKey = "prune-test-function-key";

    private readonly ChildProcess _process;
    private readonly string _secrets;

    private FunctionProcess(ChildProcess process, Uri baseAddress, string secrets)
    {
        _process = process;
        BaseAddress = baseAddress;
        _secrets = secrets;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output => _process.Output;

    public static FunctionProcess Start(IReadOnlyDictionary<string, string?> configuration)
    {
        var app = typeof(PruneFunctions).Assembly.Location;
        var secrets = Directory.CreateTempSubdirectory("prune-secrets-").FullName;
        File.WriteAllText(Path.Combine(secrets, "function-key"), FunctionKey);
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = null,
            ["fprocess"] = null,
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = null,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = null,
            ["ALIBABA_CLOUD_SECURITY_TOKEN"] = null,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OPENFAAS_SECRETS_DIR"] = secrets,
            ["FUNCTIONS_TIMER_MODE"] = "connector",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in configuration)
        {
            environment[ChildProcess.EnvironmentName(key)] = value;
        }

        return new FunctionProcess(ChildProcess.StartDotnet(app, environment), ChildProcess.LoopbackAddress(port), secrets);
    }

    /// <summary>Polls the readiness endpoint a bounded number of times.</summary>
    public Task WaitUntilReadyAsync(HttpClient client)
        => _process.WaitUntilReadyAsync(client, new Uri(BaseAddress, "_/ready"), attempts: 600, TimeSpan.FromMilliseconds(100), "prune-expired");

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_secrets, recursive: true);
    }
}
