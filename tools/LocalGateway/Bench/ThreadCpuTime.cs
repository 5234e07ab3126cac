using System.Globalization;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// The time the calling OS thread has spent on a CPU (Linux <c>/proc/thread-self/schedstat</c>,
/// first field, nanoseconds). For synchronous work measured in the bench process: on a machine
/// shared with other builds the wall clock also counts the time the thread waited for a core,
/// this does not. Null where the file does not exist.
/// </summary>
internal static class ThreadCpuTime
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    public static TimeSpan? Now()
    {
        if (!File.Exists(SchedStat))
        {
            return null;
        }

        var first = File.ReadAllText(SchedStat).Split(' ', 2)[0];
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds)
            ? TimeSpan.FromTicks(nanoseconds / 100)
            : null;
    }
}
