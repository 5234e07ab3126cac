using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// When each start-up stage of this process ended, in milliseconds since the process started
/// (<c>/proc</c>'s start time, 10 ms resolution on Linux): where a cold start spends its time,
/// written once in the "Started" log line. A stage is recorded the first time it is reached.
/// </summary>
internal static class StartupStages
{
    private static readonly Lock Gate = new();
    private static readonly List<(string Stage, long Timestamp)> Marks = [];

    /// <summary>The first call into the host from Program.cs (the runtime's start and Main before it).</summary>
    public const string Entry = "entry";

    /// <summary>Configuration and logging are set up (FunctionsApplication.CreateBuilder).</summary>
    public const string Configured = "configured";

    /// <summary>Program.cs has registered its services and calls Build (FunctionsApplication.CreateBuilder).</summary>
    public const string ServicesRegistered = "services registered";

    /// <summary>The host's services are built and its start has begun.</summary>
    public const string HostBuilt = "host built";

    /// <summary>Options validated at start-up (ValidateOnStart) and the hosted services created.</summary>
    public const string Validated = "validated";

    /// <summary>The [Function] methods are found and checked, keys and schedules read.</summary>
    public const string FunctionsFound = "functions found";

    /// <summary>The HTTP pipeline is built.</summary>
    public const string PipelineBuilt = "pipeline built";

    /// <summary>Kestrel accepts connections.</summary>
    public const string Listening = "listening";

    /// <summary>Every hosted service has started: /_/ready answers 200 from now on.</summary>
    public const string Started = "started";

    public static void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        lock (Gate)
        {
            if (!Marks.Exists(m => m.Stage == stage))
            {
                Marks.Add((stage, now));
            }
        }
    }

    /// <summary>"entry 95 ms, host built 210 ms, …": each recorded stage's end since the process started.</summary>
    public static string Describe()
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var now = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        lock (Gate)
        {
            foreach (var (stage, timestamp) in Marks)
            {
                var at = sinceStart - Stopwatch.GetElapsedTime(timestamp, now);
                text.Append(text.Length == 0 ? string.Empty : ", ")
                    .Append(stage).Append(' ')
                    .Append(Math.Max(0, at.TotalMilliseconds).ToString("F0", CultureInfo.InvariantCulture)).Append(" ms");
            }
        }

        return text.ToString();
    }
}
