using System.Diagnostics;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// Keeps one process of a function running: spawns it on a free loopback port, waits for its
/// readiness endpoint, and restarts it with exponential backoff whenever it exits.
/// </summary>
internal sealed class FunctionSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A process that ran this long before dying starts the backoff from the beginning again.
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Func<int, IReadOnlyDictionary<string, string?>> _environment;
    private readonly ChildProcessLauncher _launcher;
    private readonly FunctionOutput _output;
    private readonly HttpClient _probe;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<FunctionInstance?> _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FunctionInstance? _instance;
    private Process? _process;
    private Task? _supervision;
    private long _invocations;
    private int _restarts;

    public FunctionSupervisor(
        StackFunction function,
        FunctionArtifact artifact,
        Func<int, IReadOnlyDictionary<string, string?>> environment,
        ChildProcessLauncher launcher,
        FunctionOutput output,
        HttpClient probe,
        ILogger logger,
        TimeProvider? time = null)
    {
        Function = function;
        Artifact = artifact;
        _environment = environment;
        _launcher = launcher;
        _output = output;
        _probe = probe;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised each time a process of this function becomes ready (first start and restarts).</summary>
    public event Action<FunctionSupervisor, FunctionInstance>? Ready;

    public StackFunction Function { get; }

    public FunctionArtifact Artifact { get; }

    public string Name => Function.Name;

    /// <summary>The ready process, or null while it is starting, restarting or stopped.</summary>
    public FunctionInstance? Instance => Volatile.Read(ref _instance);

    public long InvocationCount => Interlocked.Read(ref _invocations);

    public int Restarts => Volatile.Read(ref _restarts);

    public string Command => $"dotnet {Artifact.AssemblyPath}";

    public void CountInvocation() => Interlocked.Increment(ref _invocations);

    /// <summary>Starts supervising; completes with the first ready instance, or null if the first process failed.</summary>
    public Task<FunctionInstance?> StartAsync()
    {
        _supervision ??= Task.Run(() => SuperviseAsync(_stopping.Token));
        return _firstAttempt.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_supervision is not null)
        {
            await _supervision.ConfigureAwait(false);
        }

        var process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            await ProcessSignals.StopAsync(process, StopGrace).ConfigureAwait(false);
            process.Dispose();
        }

        _firstAttempt.TrySetResult(null);
        _stopping.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var ranFor = await RunOnceAsync(stopping).ConfigureAwait(false);
                failures = ranFor >= StableRun ? 1 : failures + 1;
                _firstAttempt.TrySetResult(null);
                var delay = Backoff(failures);
                _logger.LogWarning("{Function}: restarting in {Delay:F1} s", Name, delay.TotalSeconds);
                Interlocked.Increment(ref _restarts);
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong with this start, the function must not stay down for good.
                _logger.LogError(e, "{Function}: supervising the process failed; trying again", Name);
                _firstAttempt.TrySetResult(null);
                try
                {
                    await Task.Delay(MaxBackoff, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>How long the process ran before it exited.</returns>
    private async Task<TimeSpan> RunOnceAsync(CancellationToken stopping)
    {
        var port = FreePort.Next();
        var startedAt = _time.GetUtcNow();
        var spawned = _time.GetTimestamp();
        Process process;
        try
        {
            process = await _launcher.StartAsync(
                DotnetHost.Path,
                [Artifact.AssemblyPath],
                _environment(port),
                Path.GetDirectoryName(Artifact.AssemblyPath)!).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _logger.LogError("{Function}: could not start `{Command}`: {Error}", Name, Command, e.Message);
            return TimeSpan.Zero;
        }

        var previous = Interlocked.Exchange(ref _process, process);
        previous?.Dispose();
        process.OutputDataReceived += (_, e) => _output.Write(Name, e.Data);
        process.ErrorDataReceived += (_, e) => _output.Write(Name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (await Readiness.WaitAsync(_probe, port, process, stopping).ConfigureAwait(false))
        {
            var instance = new FunctionInstance(process.Id, port, startedAt, _time.GetElapsedTime(spawned));
            Volatile.Write(ref _instance, instance);
            _firstAttempt.TrySetResult(instance);
            Ready?.Invoke(this, instance);
        }
        else if (!process.HasExited)
        {
            _logger.LogError("{Function} (pid {Pid}) did not answer {Path} within {Attempts} attempts; stopping it", Name, process.Id, Readiness.Path, Readiness.MaxAttempts);
            await ProcessSignals.StopAsync(process, StopGrace).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(stopping).ConfigureAwait(false);
        Volatile.Write(ref _instance, null);
        var ranFor = _time.GetElapsedTime(spawned);
        _logger.LogWarning("{Function} (pid {Pid}) exited with code {ExitCode} after {Seconds:F1} s", Name, process.Id, process.ExitCode, ranFor.TotalSeconds);
        return ranFor;
    }

    private static TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        var delay = FirstBackoff * factor;
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
