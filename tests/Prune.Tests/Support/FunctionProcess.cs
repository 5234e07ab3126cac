using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImageCacheFunctions.Functions.PruneExpired;

namespace ImageCacheFunctions.Prune.Tests.Support;

/// <summary>
/// The prune-expired function run as of-watchdog runs it: <c>dotnet PruneExpired.dll</c> with
/// PORT, the secrets directory (function-key) and its settings as environment variables.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public const string FunctionKey = "prune-test-function-key";

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();
    private readonly string _secrets;

    private FunctionProcess(Process process, Uri baseAddress, string secrets)
    {
        _process = process;
        BaseAddress = baseAddress;
        _secrets = secrets;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
            {
                return [.. _output];
            }
        }
    }

    public static FunctionProcess Start(IReadOnlyDictionary<string, string?> configuration)
    {
        var app = typeof(PruneExpiredFunctions).Assembly.Location;
        var secrets = Directory.CreateTempSubdirectory("prune-secrets-").FullName;
        File.WriteAllText(Path.Combine(secrets, "function-key"), FunctionKey);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in new[] { "KUBECONFIG", "fprocess", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["OPENFAAS_SECRETS_DIR"] = secrets;
        start.Environment["FUNCTIONS_TIMER_MODE"] = "connector";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in configuration)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var function = new FunctionProcess(process, new Uri($"http://127.0.0.1:{port}/"), secrets);
        process.OutputDataReceived += (_, e) => function.Add(e.Data);
        process.ErrorDataReceived += (_, e) => function.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>Polls the readiness endpoint a bounded number of times.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prune-expired exited with {_process.ExitCode}:\n{string.Join('\n', Output)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "_/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prune-expired was not ready:\n{string.Join('\n', Output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_secrets, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.Add(line);
            }
        }
    }
}
