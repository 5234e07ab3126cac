using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;

namespace ImageCacheFunctions.Benchmarks.Webhook;

/// <summary>
/// The same function build the gateway runs, started directly (<c>dotnet RegistryWebhook.dll</c>)
/// against in-memory emulators in this process: no gateway hop and no emulator state file. It
/// tells the webhook's own cost apart from the local gateway's (the proxy, and the Kubernetes
/// emulator rewriting its whole state file after every write).
/// </summary>
internal sealed class FunctionRun : IWebhookHost
{
    private readonly KubernetesEmulator _kubernetes;
    private readonly EciEmulator _eci;
    private readonly Process _process;
    private readonly string _directory;

    private FunctionRun(KubernetesEmulator kubernetes, EciEmulator eci, Process process, string directory, int port)
    {
        _kubernetes = kubernetes;
        _eci = eci;
        _process = process;
        _directory = directory;
        WebhookUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/?source={GatewayRun.Source}");
    }

    public Uri WebhookUrl { get; }

    public string Kubeconfig => Path.Combine(_directory, "kubeconfig");

    public static async Task<FunctionRun> StartAsync(string repositoryRoot, string stateDirectory)
    {
        if (!File.Exists(GatewayRun.FunctionAssembly(stateDirectory)))
        {
            // The gateway builds the function (Release) into its state directory.
            await (await GatewayRun.StartAsync(repositoryRoot, stateDirectory).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }

        var kubernetes = new KubernetesEmulator();
        await kubernetes.StartAsync().ConfigureAwait(false);
        var eci = new EciEmulator();
        await eci.StartAsync().ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("webhook-bench-").FullName;
        kubernetes.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var assembly = GatewayRun.FunctionAssembly(stateDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["FUNCTIONS_TIMER_MODE"] = "connector",
            ["OPENFAAS_SECRETS_DIR"] = directory,
            ["Eci__RegionId"] = eci.RegionId,
            ["Eci__Endpoint"] = eci.BaseUri.AbsoluteUri.TrimEnd('/'),
            ["Eci__AllowInsecureHttp"] = "true",
            ["Eci__VSwitchId"] = "vsw-bench",
            ["Eci__SecurityGroupId"] = "sg-bench",
            ["Eci__Credentials__AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci__Credentials__AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes__KubeConfig"] = Path.Combine(directory, "kubeconfig"),
            ["Webhook__SourcesFile"] = GatewayRun.SourcesFile(stateDirectory),
        })
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var run = new FunctionRun(kubernetes, eci, process, directory, port);

        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var ready = await probe.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/_/ready")).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode)
                {
                    return run;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || attempt > 600)
            {
                await run.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException("registry-webhook did not become ready");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        await _kubernetes.DisposeAsync().ConfigureAwait(false);
        await _eci.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_directory, recursive: true);
    }
}
