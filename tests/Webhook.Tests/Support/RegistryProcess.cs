using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ImageCacheFunctions.Webhook.Tests.Support;

/// <summary>
/// Debian's <c>docker-registry</c> (CNCF distribution 2.8) on loopback, storing into a temporary
/// folder, with one notifications endpoint: the webhook, with a static Authorization header.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    public const string Executable = "docker-registry";

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private RegistryProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Host = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, as references name the registry.</summary>
    public string Host { get; }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join(System.Environment.NewLine, _output);
            }
        }
    }

    public static async Task<RegistryProcess> StartAsync(string directory, Uri webhook, string authorization)
    {
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        var config = Path.Combine(directory, "config.yml");
        // Quick retries so a test never waits long on a failed delivery; the registry's own defaults are minutes.
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
              secret: webhook-tests-only
            notifications:
              endpoints:
                - name: imagecache
                  url: {webhook.AbsoluteUri}
                  headers:
                    Authorization: [{authorization}]
                  timeout: 5s
                  threshold: 3
                  backoff: 1s
            """).ConfigureAwait(false);

        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "serve", config },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        var registry = new RegistryProcess(process, port);
        process.OutputDataReceived += (_, e) => registry.Add(e.Data);
        process.ErrorDataReceived += (_, e) => registry.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await registry.WaitUntilServingAsync().ConfigureAwait(false);
        }
        catch
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return registry;
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        const int attempts = 300;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}:{System.Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://{Host}/v2/")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"docker-registry did not answer /v2/ after {attempts} polls:{System.Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
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
    }
}
