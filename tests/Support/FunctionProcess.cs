using System.Globalization;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// A built function run as of-watchdog runs it: <c>dotnet &lt;App&gt;.dll</c> in its folder, with
/// PORT (a free loopback port), OPENFAAS_SECRETS_DIR and its configuration as environment
/// variables (<c>a:b</c> becomes <c>a__b</c>); nothing of the machine's Kubernetes, Alibaba Cloud
/// or OpenFaaS settings leaks in. Started when <c>/_/ready</c> answers 200 (bounded polling); a
/// process that exits first is a start-up failure whose exception holds its output.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    /// <summary>The function key written to a secrets folder this class creates.</summary>
    public const string FunctionKey = "test-function-key-0123456789";

    /// <summary>Inherited variables that would point a function elsewhere than the test says.</summary>
    private static readonly string[] MachinePrefixes = ["ALIBABA_CLOUD_", "KUBERNETES_", "Eci__", "Kubernetes__", "Webhook__", "Prune__", "Api__"];

    private readonly ChildProcess _process;
    private readonly string? _ownedSecrets;

    private FunctionProcess(ChildProcess process, Uri baseAddress, string secretsDirectory, string? ownedSecrets)
    {
        _process = process;
        BaseAddress = baseAddress;
        SecretsDirectory = secretsDirectory;
        _ownedSecrets = ownedSecrets;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for <see cref="BaseAddress"/> (no proxy).</summary>
    public HttpClient Client { get; }

    /// <summary>OPENFAAS_SECRETS_DIR of the process.</summary>
    public string SecretsDirectory { get; }

    /// <summary>The process id (to read its memory from /proc).</summary>
    public int Id => _process.Id;

    /// <summary>Every line the process wrote, stdout and stderr interleaved.</summary>
    public IReadOnlyList<string> OutputLines => _process.Output;

    public string Output => string.Join(Environment.NewLine, _process.Output);

    /// <summary>
    /// Starts <paramref name="app"/> with <paramref name="configuration"/> (configuration keys or
    /// environment names; a null value unsets the variable). <paramref name="secretsDirectory"/>
    /// is used as it is when given; otherwise a temporary one is made holding
    /// <see cref="FunctionKey"/> as <c>function-key</c> and <paramref name="secrets"/>, and deleted on dispose.
    /// </summary>
    public static async Task<FunctionProcess> StartAsync(
        string app,
        IEnumerable<KeyValuePair<string, string?>> configuration,
        string? secretsDirectory = null,
        IReadOnlyDictionary<string, string>? secrets = null)
    {
        if (!File.Exists(app))
        {
            throw new FileNotFoundException($"The function was not built at {app}.", app);
        }

        string? owned = null;
        if (secretsDirectory is null)
        {
            secretsDirectory = owned = Directory.CreateTempSubdirectory("function-secrets-").FullName;
            File.WriteAllText(Path.Combine(owned, "function-key"), FunctionKey);
            foreach (var (name, value) in secrets ?? new Dictionary<string, string>())
            {
                File.WriteAllText(Path.Combine(owned, name), value);
            }
        }

        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var inherited in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => MachinePrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
        {
            environment[inherited] = null;
        }

        environment["fprocess"] = null;
        environment["KUBECONFIG"] = null;
        environment["MAX_REQUEST_BODY_BYTES"] = null;
        environment["FUNCTIONS_TIMER_MODE"] = "connector";
        environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in configuration)
        {
            environment[ChildProcess.EnvironmentName(key)] = value;
        }

        environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["OPENFAAS_SECRETS_DIR"] = secretsDirectory;

        var function = new FunctionProcess(ChildProcess.StartDotnet(app, environment), ChildProcess.LoopbackAddress(port), secretsDirectory, owned);
        try
        {
            await function._process.WaitUntilReadyAsync(function.Client, new Uri(function.BaseAddress, "_/ready"), attempts: 600, TimeSpan.FromMilliseconds(100), Path.GetFileNameWithoutExtension(app)).ConfigureAwait(false);
        }
        catch
        {
            await function.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return function;
    }

    /// <summary>A request to <paramref name="relative"/> carrying the function key (as a cron-connector or admin would call).</summary>
    public static HttpRequestMessage WithKey(HttpMethod method, string relative, string key = FunctionKey)
    {
        var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
        if (_ownedSecrets is not null)
        {
            Directory.Delete(_ownedSecrets, recursive: true);
        }
    }
}
