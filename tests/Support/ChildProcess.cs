using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// A program run as a real child process (a built function: <c>dotnet &lt;app&gt;.dll</c>, the way
/// of-watchdog runs it), its stdout and stderr lines captured, killed with its whole tree on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string>? _onLine;

    private ChildProcess(Process process, Action<string>? onLine)
    {
        _process = process;
        _onLine = onLine;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Every line, stdout and stderr interleaved as they arrived.</summary>
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

    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public static Uri LoopbackAddress(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The environment variable that sets a configuration key (<c>a:b</c> is <c>a__b</c>).</summary>
    public static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Starts <c>dotnet <paramref name="app"/></c> in the app's folder (or <paramref name="workingDirectory"/>).</summary>
    public static ChildProcess StartDotnet(string app, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, Action<string>? onLine = null)
        => Start("dotnet", [app], workingDirectory ?? Path.GetDirectoryName(app)!, environment, onLine);

    /// <summary>
    /// Starts <paramref name="fileName"/>. <paramref name="environment"/> is applied over the inherited
    /// environment: a value sets the variable, null removes it. <paramref name="onLine"/>
    /// sees each line after it is captured.
    /// </summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var unset in environment.Where(variable => variable.Value is null))
        {
            start.Environment.Remove(unset.Key);
        }

        foreach (var set in environment.Where(variable => variable.Value is not null))
        {
            start.Environment[set.Key] = set.Value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, onLine);
        process.OutputDataReceived += (_, e) => child.Add(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(child._stderr, e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Polls <paramref name="uri"/> at most <paramref name="attempts"/> times, <paramref name="interval"/>
    /// apart, until it answers 200. A process that exits first is a start-up failure;
    /// <paramref name="details"/> (default: the output) goes into the exception.
    /// </summary>
    public async Task WaitUntilReadyAsync(HttpClient client, Uri uri, int attempts, TimeSpan interval, string name, Func<string>? details = null)
    {
        details ??= () => string.Join('\n', Output);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (_process.HasExited)
            {
                // Also waits for the redirected output to be read to its end.
                await _process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{name} exited with {_process.ExitCode}:\n{details()}");
            }

            try
            {
                using var response = await client.GetAsync(uri).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(interval).ConfigureAwait(false);
        }

        throw new TimeoutException($"{name} was not ready after {attempts} polls of {uri}:\n{details()}");
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
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

    private void Add(List<string> stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            stream.Add(line);
            _output.Add(line);
        }

        _onLine?.Invoke(line);
    }
}
