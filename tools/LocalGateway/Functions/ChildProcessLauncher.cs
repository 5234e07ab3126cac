using System.Collections.Concurrent;
using System.Diagnostics;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// Starts the function processes so that none outlives the gateway:
/// <list type="bullet">
/// <item>on Linux each child runs under <c>setpriv --pdeathsig KILL</c>, so the kernel kills it
/// even when the gateway itself is killed with SIGKILL. The death signal fires when the
/// <em>thread</em> that forked the child exits, so every child is forked from one dedicated
/// thread that lives as long as the launcher (never a thread-pool thread, which may retire);</item>
/// <item>every child still running is killed on process exit and on an unhandled exception.</item>
/// </list>
/// </summary>
internal sealed class ChildProcessLauncher : IDisposable
{
    private const string SetprivPath = "/usr/bin/setpriv";

    private readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> _requests = new();
    private readonly ConcurrentDictionary<int, Process> _running = new();
    private readonly Thread _forker;
    private readonly bool _useSetpriv = OperatingSystem.IsLinux() && File.Exists(SetprivPath);

    public ChildProcessLauncher()
    {
        _forker = new Thread(Fork) { IsBackground = true, Name = "function-process-launcher" };
        _forker.Start();
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    /// <summary>Whether the kernel kills the children if the gateway dies abruptly.</summary>
    public bool ParentDeathSignal => _useSetpriv;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; output is redirected.</summary>
    public Task<Process> StartAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo
        {
            FileName = _useSetpriv ? SetprivPath : fileName,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (_useSetpriv)
        {
            // setpriv execs the command: the PID stays the function's own.
            info.ArgumentList.Add("--pdeathsig");
            info.ArgumentList.Add("KILL");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((info, started));
        return started.Task;
    }

    /// <summary>Kills every child still running, without waiting (the last line of defence).</summary>
    public void KillAll()
    {
        foreach (var process in _running.Values)
        {
            ProcessSignals.KillTree(process);
        }
    }

    public void Dispose()
    {
        KillAll();
        _requests.CompleteAdding();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
    }

    private void Fork()
    {
        foreach (var (info, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = info, EnableRaisingEvents = true };
                process.Start();
                process.StandardInput.Close();
                var pid = process.Id;
                _running[pid] = process;
                process.Exited += (_, _) => _running.TryRemove(pid, out _);
                started.SetResult(process);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                started.SetException(e);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillAll();

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) => KillAll();
}
