using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// Debian's <c>docker-registry</c> (CNCF distribution 2.8) on loopback, storing into a temporary
/// folder; optionally notifying one endpoint (with a static Authorization header) and optionally
/// behind htpasswd authentication (distribution's <c>auth: htpasswd</c>, which takes bcrypt only).
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

    /// <summary>Starts a registry storing under <paramref name="directory"/>.</summary>
    /// <param name="directory">Its configuration, data and htpasswd file go here.</param>
    /// <param name="webhook">Where it sends its notifications (none when null).</param>
    /// <param name="webhookAuthorization">The Authorization header of each notification.</param>
    /// <param name="login">The one account of an htpasswd-protected registry (anonymous access when null).</param>
    public static async Task<RegistryProcess> StartAsync(string directory, Uri? webhook = null, string? webhookAuthorization = null, RegistryLogin? login = null)
    {
        var port = ChildProcess.FreePort();
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        var config = new StringBuilder($"""
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
              secret: registry-tests-only

            """);
        if (login is not null)
        {
            var htpasswd = Path.Combine(directory, "htpasswd");
            await File.WriteAllTextAsync(htpasswd, login.HtpasswdLine() + "\n").ConfigureAwait(false);
            config.Append(CultureInfo.InvariantCulture, $"""
                auth:
                  htpasswd:
                    realm: registry-tests
                    path: {htpasswd}

                """);
        }

        if (webhook is not null)
        {
            // Quick retries so a test never waits long on a failed delivery; the registry's own defaults are minutes.
            config.Append(CultureInfo.InvariantCulture, $"""
                notifications:
                  endpoints:
                    - name: imagecache
                      url: {webhook.AbsoluteUri}
                      headers:
                        Authorization: [{webhookAuthorization}]
                      timeout: 5s
                      threshold: 3
                      backoff: 1s

                """);
        }

        var file = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(file, config.ToString()).ConfigureAwait(false);
        var registry = new RegistryProcess(ChildProcess.Start(Executable, ["serve", file], directory, new Dictionary<string, string?>()), port);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            if (login is not null)
            {
                client.DefaultRequestHeaders.Authorization = login.BasicHeader();
            }

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

/// <summary>An account of an htpasswd-protected <see cref="RegistryProcess"/>.</summary>
public sealed record RegistryLogin(string User, string Password)
{
    /// <summary>
    /// <c>user:bcrypt-hash</c>, the line <c>htpasswd -B</c> writes. Cost 4, the least Go's bcrypt
    /// accepts: the registry checks it on every request, and these are throw-away test accounts.
    /// </summary>
    public string HtpasswdLine() => $"{User}:{BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 4)}";

    /// <summary>The Authorization header docker clients send to such a registry.</summary>
    public AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
}
