using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// The gateway as users run it: `dotnet LocalGateway.dll …` in its own process. Reads the
/// summary lines it prints (gateway URL, one `function NAME URL pid PID` line per start).
/// Waits are bounded; when one runs out, the test fails with the gateway's output.
/// </summary>
internal sealed partial class GatewayProcess : IAsyncDisposable
{
    /// <summary>A first build of every function in a cold state folder can take minutes on a busy machine.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan StepBound = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _newLine = new(0);
    private readonly Lock _gate = new();

    private GatewayProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public Uri Url { get; private set; } = null!;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };

    [GeneratedRegex(@"^\s+gateway (?<url>http://\S+)")]
    private static partial Regex GatewayLine();

    [GeneratedRegex(@"^\s+function (?<name>\S+)\s+(?<url>http://\S+) pid (?<pid>\d+)")]
    private static partial Regex FunctionLine();

    public static GatewayProcess Start(params string[] arguments) => Start(new Dictionary<string, string?>(), arguments);

    /// <summary>Starts the gateway with extra <paramref name="environment"/> (its functions inherit it).</summary>
    public static GatewayProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(Repository.GatewayAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var gateway = new GatewayProcess(process);
        process.OutputDataReceived += (_, e) => gateway.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Starts the gateway and waits for its summary; returns the function PIDs by name.</summary>
    public static Task<(GatewayProcess Gateway, Dictionary<string, int> Pids)> StartReadyAsync(params string[] arguments) =>
        StartReadyAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>As <see cref="StartReadyAsync(string[])"/>, with extra <paramref name="environment"/>.</summary>
    public static async Task<(GatewayProcess Gateway, Dictionary<string, int> Pids)> StartReadyAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var gateway = Start(environment, arguments);
        try
        {
            await gateway.WaitForLineAsync("Press Ctrl+C to stop.", StartBound);
            gateway.Url = new Uri(GatewayLine().Match(gateway.Lines.Last(l => GatewayLine().IsMatch(l))).Groups["url"].Value);
            return (gateway, gateway.CurrentPids());
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join(Environment.NewLine, Lines);

    /// <summary>The latest PID printed for each function.</summary>
    public Dictionary<string, int> CurrentPids()
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var match in Lines.Select(l => FunctionLine().Match(l)).Where(m => m.Success))
        {
            pids[match.Groups["name"].Value] = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
        }

        return pids;
    }

    public Task<string> WaitForLineAsync(string contains, TimeSpan bound) =>
        WaitForLineAsync(l => l.Contains(contains, StringComparison.Ordinal), contains, bound, 0);

    /// <summary>Waits for a line, looking only at lines printed after <paramref name="after"/> lines.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description, TimeSpan bound, int after)
    {
        using var timeout = new CancellationTokenSource(bound);
        var next = after;
        while (true)
        {
            var lines = Lines;
            for (; next < lines.Count; next++)
            {
                if (match(lines[next]))
                {
                    return lines[next];
                }
            }

            if (_process.HasExited && Lines.Count == lines.Count)
            {
                throw new InvalidOperationException($"the gateway exited ({_process.ExitCode}) before printing '{description}':{Environment.NewLine}{Output}");
            }

            try
            {
                await _newLine.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no '{description}' from the gateway within {bound}:{Environment.NewLine}{Output}");
            }
        }
    }

    /// <summary>Waits for the function's next `function NAME … pid` line printed after <paramref name="after"/> lines.</summary>
    public async Task<int> WaitForRestartAsync(string function, int after)
    {
        var line = await WaitForLineAsync(
            l => FunctionLine().Match(l) is { Success: true } m && m.Groups["name"].Value == function,
            $"function {function} restarted",
            StepBound,
            after);
        return int.Parse(FunctionLine().Match(line).Groups["pid"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>SIGTERM, as Ctrl+C or a process manager would; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        ProcessSignals.SendTerminate(_process.Id);
        using var timeout = new CancellationTokenSource(StepBound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the gateway did not stop within {StepBound}:{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for the gateway to exit on its own (bad options); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(StepBound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _newLine.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
        }

        _newLine.Release();
    }
}
