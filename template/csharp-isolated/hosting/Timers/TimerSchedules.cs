using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// The resolved schedule of each timer function: "%Name%" is read from configuration, then
/// parsed. Resolved once, at start-up, so a bad schedule fails the start naming the function.
/// </summary>
internal sealed class TimerSchedules(FunctionCatalog catalog, IConfiguration configuration)
{
    private readonly Lazy<IReadOnlyDictionary<string, TimerSchedule>> _schedules = new(() => Resolve(catalog, configuration));

    private readonly Lazy<IReadOnlyDictionary<string, TimerRetryPolicy>> _retries = new(() =>
        catalog.TimerFunctions.ToDictionary(f => f.Name, f => TimerRetryPolicy.Of(f.Method, f.Name), StringComparer.OrdinalIgnoreCase));

    /// <exception cref="FunctionsStartupException">A schedule is missing or invalid.</exception>
    public IReadOnlyDictionary<string, TimerSchedule> All
    {
        get
        {
            // Retry intervals are checked at start-up too.
            _ = _retries.Value;
            return _schedules.Value;
        }
    }

    public TimerRetryPolicy RetryFor(FunctionEntry function) => _retries.Value[function.Name];

    public TimerSchedule For(FunctionEntry function) => All[function.Name];

    private static Dictionary<string, TimerSchedule> Resolve(FunctionCatalog catalog, IConfiguration configuration)
    {
        var schedules = new Dictionary<string, TimerSchedule>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in catalog.TimerFunctions)
        {
            schedules[function.Name] = Resolve(function, function.TimerTrigger!, configuration);
        }

        return schedules;
    }

    private static TimerSchedule Resolve(FunctionEntry function, TimerTriggerAttribute trigger, IConfiguration configuration)
    {
        var expression = trigger.Schedule?.Trim() ?? string.Empty;
        if (expression.Length > 2 && expression.StartsWith('%') && expression.EndsWith('%'))
        {
            var setting = expression[1..^1];
            expression = configuration[setting]?.Trim() ?? string.Empty;
            if (expression.Length == 0)
            {
                throw new FunctionsStartupException(
                    $"setting '{setting}' is missing: timer function '{function.Name}' takes its schedule from %{setting}%.");
            }
        }

        try
        {
            return TimerSchedule.Parse(expression);
        }
        catch (FormatException e)
        {
            throw new FunctionsStartupException($"timer function '{function.Name}' has an invalid schedule: {e.Message}", e);
        }
    }
}
