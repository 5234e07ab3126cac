using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// Under of-watchdog two ports meet in one environment: the watchdog listens on its own `port`
/// (lower-case, default 8080, settable in stack.yml) and proxies to `upstream_url`, where the
/// function must listen (the template's PORT). Environment variables are case-sensitive on
/// Linux; .NET configuration keys are not, so the host must never read `port` as PORT.
/// (of-watchdog README: "port" is the watchdog's listen port, "upstream_url" the function's.)
/// </summary>
public sealed class ListenPortTests : IDisposable
{
    // The watchdog holds its port, as it does in the container.
    private readonly TcpListener _watchdog = new(IPAddress.Loopback, 0);
    private readonly SecretsFolder _secrets = SecretsFolder.With("function-key", "admin-key");

    public ListenPortTests() => _watchdog.Start();

    private string WatchdogPort => Text(((IPEndPoint)_watchdog.LocalEndpoint).Port);

    public void Dispose()
    {
        _watchdog.Dispose();
        _secrets.Dispose();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static bool IsListeningLine(System.Text.Json.JsonElement line) =>
        line.GetProperty("Message").GetString()!.StartsWith("Listening on", StringComparison.Ordinal);

    /// <summary>The sample app with the watchdog's `port` set; SampleProcess sets PORT unless <paramref name="withPort"/> is false.</summary>
    private SampleProcess Start(bool withPort)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = _secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
            ["port"] = WatchdogPort,
        };
        if (!withPort)
        {
            environment["PORT"] = null;
        }

        return SampleProcess.Start(environment);
    }

    [Fact]
    public async Task With_the_watchdogs_port_also_set_the_function_listens_on_PORT()
    {
        await using var process = Start(withPort: true);
        using var client = new HttpClient();

        await process.WaitUntilReadyAsync(client);

        var listening = await process.WaitForLogAsync(IsListeningLine);
        Assert.Contains($"127.0.0.1:{Text(process.Port)}/", listening.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(process.StandardError, l => l.Contains(WatchdogPort, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_only_the_watchdogs_port_set_the_function_keeps_its_default_port()
    {
        await using var process = Start(withPort: false);

        // 5000 (the Dockerfile's upstream_url) may be taken on a shared machine; either way the
        // host names 5000, in its "Listening on" line or in its one-line start-up error.
        var said = await Task.WhenAny(
            process.WaitForLogAsync(IsListeningLine).ContinueWith(t => t.Result.GetProperty("Message").GetString()!, TaskScheduler.Default),
            process.WaitForExitAsync().ContinueWith(_ => string.Join('\n', process.StandardError), TaskScheduler.Default));

        var line = await said;
        Assert.Contains("127.0.0.1:5000", line, StringComparison.Ordinal);
        Assert.DoesNotContain(WatchdogPort, line, StringComparison.Ordinal);
    }
}
