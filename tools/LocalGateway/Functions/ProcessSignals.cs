using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>Stopping a child: SIGTERM for a graceful shutdown, then the whole tree is killed.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsWindows())
            {
                SendTerminate(process.Id);
                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time: fall through to the kill.
                }
            }

            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
    }

    /// <summary>Asks a process to stop (SIGTERM), as Kubernetes and Ctrl+C-less shells do.</summary>
    /// <returns>False when the process does not exist (any more).</returns>
    public static bool SendTerminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    /// <summary>Synchronous last resort (process exit, unhandled exception): no waiting.</summary>
    public static void KillTree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
