using System.Text.Json;
using ImageCacheFunctions.Hosting.SampleFunctions;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Hosting.Tests.SampleApp;

/// <summary>
/// The sample function app (tests/Hosting.SampleFunctions) run as a real process, the way
/// of-watchdog runs a function: `dotnet &lt;app&gt;.dll` with PORT and the other settings in
/// its environment. Its stdout (JSON log lines) and stderr are captured.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Lock _gate = new();
    private ChildProcess _process = null!;
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(int port)
    {
        Port = port;
        BaseAddress = ChildProcess.LoopbackAddress(port);
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static SampleProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var port = ChildProcess.FreePort();
        var app = typeof(SampleServices).Assembly.Location;
        // A clean environment for the settings the host reads, whatever the test runner has.
        var variables = new Dictionary<string, string?>
        {
            ["fprocess"] = null,
            ["FUNCTIONS_TIMER_MODE"] = null,
            ["OPENFAAS_SECRETS_DIR"] = null,
            ["MAX_REQUEST_BODY_BYTES"] = null,
            ["FastTimerSchedule"] = null,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_NOLOGO"] = "1",
            ["Sample__Region"] = "cn-hangzhou",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var sample = new SampleProcess(port);
        sample._process = ChildProcess.StartDotnet(app, variables, onLine: _ => sample.LineArrived());
        return sample;
    }

    public IReadOnlyList<string> StandardOutput => _process.StandardOutput;

    public IReadOnlyList<string> StandardError => _process.StandardError;

    /// <summary>Polls /_/ready a bounded number of times until it answers 200.</summary>
    public Task WaitUntilReadyAsync(HttpClient client)
        => _process.WaitUntilReadyAsync(client, new Uri(BaseAddress, "_/ready"), attempts: 300, TimeSpan.FromMilliseconds(100), "The sample app", () => string.Join('\n', StandardError));

    /// <summary>The first JSON log line on stdout that satisfies <paramref name="predicate"/>, waiting for it to be written.</summary>
    public async Task<JsonElement> WaitForLogAsync(Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Patience;
        var examined = 0;
        while (true)
        {
            // Taken before the lines are read, so a line written meanwhile completes it.
            Task arrived;
            lock (_gate)
            {
                arrived = _lineArrived.Task;
            }

            var lines = StandardOutput;
            for (; examined < lines.Count; examined++)
            {
                if (TryParse(lines[examined]) is { } line && predicate(line))
                {
                    return line;
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("No such log line was written.");
            }

            await arrived.WaitAsync(remaining).ConfigureAwait(false);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(Patience);
        return await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>Sends SIGTERM, as Kubernetes does to stop the pod.</summary>
    public void Terminate()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static JsonElement? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void LineArrived()
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            arrived = _lineArrived;
            _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }
}
