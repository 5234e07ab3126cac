using System.Runtime.InteropServices;
using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>
/// SIGINT/SIGTERM/SIGQUIT start a graceful stop; a second signal kills the function processes
/// at once and exits.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    private ShutdownSignals()
    {
    }

    public static ShutdownSignals Register(CancellationTokenSource shutdown, ChildProcessLauncher launcher)
    {
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(launcher);
        var signals = new ShutdownSignals();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                if (Interlocked.Increment(ref signals._received) == 1)
                {
                    Console.Error.WriteLine($"{context.Signal}: stopping the functions (again to force)");
                    shutdown.Cancel();
                }
                else
                {
                    launcher.KillAll();
                    Environment.Exit(130);
                }
            }));
        }

        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
