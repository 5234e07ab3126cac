using System.Diagnostics;
using System.Globalization;
using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// Spawn → first 200, and the resident memory at that moment (VmRSS). Subjects are started in
/// turn within each round, so a function and its anchor see the same machine noise.
/// </summary>
internal static class ColdStart
{
    // Fine polling: the cold start is measured to within this interval.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<Dictionary<BenchSubject, (LatencySamples Start, LatencySamples RssMiB)>> MeasureAsync(
        ChildProcessLauncher launcher, IReadOnlyList<BenchSubject> subjects, int rounds, CancellationToken cancellationToken)
    {
        var results = subjects.ToDictionary(s => s, _ => (Start: new LatencySamples(), RssMiB: new LatencySamples()));
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var subject in subjects)
            {
                var (elapsed, rss) = await OnceAsync(launcher, probe, subject, cancellationToken).ConfigureAwait(false);
                results[subject].Start.Add(elapsed);
                results[subject].RssMiB.Add(rss);
            }
        }

        return results;
    }

    private static async Task<(TimeSpan Elapsed, double RssMiB)> OnceAsync(
        ChildProcessLauncher launcher, HttpClient probe, BenchSubject subject, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{subject.ReadyPath}");
        var started = Stopwatch.GetTimestamp();
        using var process = await launcher.StartAsync(subject.FileName, subject.Arguments, subject.Environment(port), subject.WorkingDirectory).ConfigureAwait(false);
        // Drain the output so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!await Readiness.AnswersAsync(probe, url, cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited || Stopwatch.GetElapsedTime(started) > Bound)
                {
                    throw new FunctionBuildException($"{subject.Name} did not answer 200 on {subject.ReadyPath} (exit code {(process.HasExited ? process.ExitCode : -1)})");
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }

            return (Stopwatch.GetElapsedTime(started), ResidentMiB(process.Id));
        }
        finally
        {
            await ProcessSignals.StopAsync(process, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <summary>VmRSS from /proc (Linux); NaN elsewhere.</summary>
    private static double ResidentMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kib / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }
}
