using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// The built reconcile-status function started as its own process, configured the way OpenFaaS
/// (or the local gateway) configures it: PORT, KUBECONFIG, Eci__* and a secrets directory.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _secrets;

    private FunctionProcess(Process process, Uri baseUri, string secrets)
    {
        _process = process;
        BaseUri = baseUri;
        _secrets = secrets;
    }

    public Uri BaseUri { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

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

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { entry },
            WorkingDirectory = Path.GetDirectoryName(entry)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || k.StartsWith("KUBERNETES_", StringComparison.Ordinal) || k.StartsWith("Eci__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KUBECONFIG"] = harness.KubeconfigPath;
        start.Environment["OPENFAAS_SECRETS_DIR"] = secrets;
        start.Environment["FUNCTIONS_TIMER_MODE"] = "connector";
        start.Environment["Eci__RegionId"] = ReconcileHarness.RegionId;
        start.Environment["Eci__Endpoint"] = harness.Eci.BaseUri.ToString();
        start.Environment["Eci__AllowInsecureHttp"] = "true";
        start.Environment["Eci__VSwitchId"] = ReconcileHarness.VSwitchId;
        start.Environment["Eci__SecurityGroupId"] = ReconcileHarness.SecurityGroupId;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var function = new FunctionProcess(process, new Uri($"http://127.0.0.1:{port}/"), secrets);
        process.OutputDataReceived += (_, e) => function.Append(e.Data);
        process.ErrorDataReceived += (_, e) => function.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Wait for readiness (of-watchdog's ready_path); a process that exits is a start-up failure.
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"reconcile-status exited with {process.ExitCode}:\n{function.Output}");
            }

            try
            {
                using var answer = await http.GetAsync(new Uri(function.BaseUri, "_/ready"), ready.Token).ConfigureAwait(false);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return function;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ready.Token).ConfigureAwait(false);
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
        Directory.Delete(_secrets, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
