using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// The built reconcile-status function started as its own process, configured the way OpenFaaS
/// (or the local gateway) configures it: PORT, KUBECONFIG, Eci__* and a secrets directory.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789";

    private readonly ChildProcess _process;
    private readonly string _secrets;

    private FunctionProcess(ChildProcess process, Uri baseUri, string secrets)
    {
        _process = process;
        BaseUri = baseUri;
        _secrets = secrets;
    }

    public Uri BaseUri { get; }

    public string Output => string.Concat(_process.Output.Select(line => line + System.Environment.NewLine));

    public static async Task<FunctionProcess> StartAsync(ReconcileHarness harness, HttpClient http)
    {
        var entry = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reconcile-status.path")).Trim();
        if (!File.Exists(entry))
        {
            throw new FileNotFoundException($"The reconcile-status function was not built at {entry}.", entry);
        }

        var secrets = Directory.CreateTempSubdirectory("reconcile-secrets-").FullName;
        File.WriteAllText(Path.Combine(secrets, "function-key"), FunctionKey);
        File.WriteAllText(Path.Combine(secrets, "alibaba-cloud-access-key-id"), Emulators.Eci.EmulatorTestCredentials.AccessKeyId);
        File.WriteAllText(Path.Combine(secrets, "alibaba-cloud-access-key-secret"), Emulators.Eci.EmulatorTestCredentials.AccessKeySecret);

        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string?>();
        foreach (var inherited in System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || k.StartsWith("KUBERNETES_", StringComparison.Ordinal) || k.StartsWith("Eci__", StringComparison.Ordinal)))
        {
            environment[inherited] = null;
        }

        environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["KUBECONFIG"] = harness.KubeconfigPath;
        environment["OPENFAAS_SECRETS_DIR"] = secrets;
        environment["FUNCTIONS_TIMER_MODE"] = "connector";
        environment["Eci__RegionId"] = ReconcileHarness.RegionId;
        environment["Eci__Endpoint"] = harness.Eci.BaseUri.ToString();
        environment["Eci__AllowInsecureHttp"] = "true";
        environment["Eci__VSwitchId"] = ReconcileHarness.VSwitchId;
        environment["Eci__SecurityGroupId"] = ReconcileHarness.SecurityGroupId;

        var function = new FunctionProcess(ChildProcess.StartDotnet(entry, environment), ChildProcess.LoopbackAddress(port), secrets);

        // Wait for readiness (of-watchdog's ready_path); a process that exits is a start-up failure.
        await function._process.WaitUntilReadyAsync(http, new Uri(function.BaseUri, "_/ready"), attempts: 600, TimeSpan.FromMilliseconds(100), "reconcile-status").ConfigureAwait(false);
        return function;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_secrets, recursive: true);
    }
}
