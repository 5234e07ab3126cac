using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// A timer function's <c>[FixedDelayRetry]</c> or <c>[ExponentialBackoffRetry]</c>, as Azure
/// applies them to timer triggers: after a failed run, up to MaxRetryCount more attempts
/// (-1: until the schedule's next occurrence), waiting the fixed delay, or the minimum interval
/// doubled per retry up to the maximum.
/// </summary>
internal sealed record TimerRetryPolicy(int MaxRetryCount, TimeSpan FirstDelay, TimeSpan MaxDelay, bool Exponential)
{
    public static readonly TimerRetryPolicy None = new(0, TimeSpan.Zero, TimeSpan.Zero, Exponential: false);

    /// <exception cref="FunctionsStartupException">An interval does not parse.</exception>
    public static TimerRetryPolicy Of(GeneratedFunction method, string functionName)
    {
        switch (method.Attributes.OfType<RetryAttribute>().FirstOrDefault())
        {
            case FixedDelayRetryAttribute fixedDelay:
                var delay = Interval(fixedDelay.DelayInterval, functionName);
                return new TimerRetryPolicy(fixedDelay.MaxRetryCount, delay, delay, Exponential: false);
            case ExponentialBackoffRetryAttribute backoff:
                return new TimerRetryPolicy(backoff.MaxRetryCount, Interval(backoff.MinimumInterval, functionName), Interval(backoff.MaximumInterval, functionName), Exponential: true);
            default:
                return None;
        }
    }

    /// <summary>Whether attempt number <paramref name="retryCount"/> (1 = the first retry) may run.</summary>
    public bool Allows(int retryCount) => MaxRetryCount < 0 || retryCount <= MaxRetryCount;

    /// <summary>The wait before retry number <paramref name="retryCount"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retryCount)
    {
        if (!Exponential)
        {
            return FirstDelay;
        }

        var factor = Math.Pow(2, Math.Min(retryCount - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < FirstDelay ? FirstDelay : delay;
    }

    private static TimeSpan Interval(string text, string functionName) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.Zero
            ? interval
            : throw new FunctionsStartupException($"timer function '{functionName}' has a retry interval '{text}' that is not a TimeSpan (hh:mm:ss).");
}
