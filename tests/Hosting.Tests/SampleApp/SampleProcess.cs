using System.Diagnostics;
using System.Text.Json;
using ImageCacheFunctions.Hosting.SampleFunctions;

namespace ImageCacheFunctions.Hosting.Tests.SampleApp;

/// <summary>
/// The sample function app (tests/Hosting.SampleFunctions) run as a real process, the way
/// of-watchdog runs a function: `dotnet &lt;app&gt;.dll` with PORT and the other settings in
/// its environment. Its stdout (JSON log lines) and stderr are captured.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static SampleProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var port = FreePort.Next();
        var app = typeof(SampleServices).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A clean environment for the settings the host reads, whatever the test runner has.
        foreach (var key in new[] { "PORT", "fprocess", "FUNCTIONS_TIMER_MODE", "OPENFAAS_SECRETS_DIR", "MAX_REQUEST_BODY_BYTES", "FastTimerSchedule" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Sample__Region"] = "cn-hangzhou";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sample = new SampleProcess(process, port);
        process.OutputDataReceived += (_, e) => sample.Add(sample._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => sample.Add(sample._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    public IReadOnlyList<string> StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> StandardError
    {
        get
        {
            lock (_gate)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Polls /_/ready a bounded number of times until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client)
    {
        const int attempts = 300;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample app exited with {_process.ExitCode}: {string.Join('\n', StandardError)}");
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

        throw new TimeoutException($"The sample app was not ready after {attempts} polls of /_/ready.");
    }

    /// <summary>The first JSON log line on stdout that satisfies <paramref name="predicate"/>, waiting for it to be written.</summary>
    public async Task<JsonElement> WaitForLogAsync(Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Patience;
        var examined = 0;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (; examined < _stdout.Count; examined++)
                {
                    if (TryParse(_stdout[examined]) is { } line && predicate(line))
                    {
                        return line;
                    }
                }

                arrived = _lineArrived.Task;
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
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as Kubernetes does to stop the pod.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

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

    private void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource arrived;
        lock (_gate)
        {
            lines.Add(line);
            arrived = _lineArrived;
            _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }
}
