using System.Globalization;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>
/// Debian's <c>docker-registry</c> (CNCF distribution 2.8) on loopback, storing into a temporary
/// folder, with one notifications endpoint: the webhook, with a static Authorization header.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    public const string Executable = "docker-registry";

    private readonly ChildProcess _process;

    private RegistryProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        Host = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, as references name the registry.</summary>
    public string Host { get; }

    public string Output => string.Join(System.Environment.NewLine, _process.Output);

    public static async Task<RegistryProcess> StartAsync(string directory, Uri webhook, string authorization)
    {
        var port = ChildProcess.FreePort();
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

        var registry = new RegistryProcess(ChildProcess.Start(Executable, ["serve", config], directory, new Dictionary<string, string?>()), port);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            await registry._process.WaitUntilReadyAsync(client, new Uri($"http://{registry.Host}/v2/"), attempts: 300, TimeSpan.FromMilliseconds(50), "docker-registry", () => registry.Output).ConfigureAwait(false);
        }
        catch
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return registry;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
