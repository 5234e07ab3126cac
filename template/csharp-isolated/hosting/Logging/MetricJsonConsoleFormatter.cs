using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace OpenFaaS.Functions.Worker.Logging;

/// <summary>
/// The JSON console formatter, plus <c>ILogger.LogMetric(name, value, properties)</c> of the
/// worker model: Worker.Core logs a metric as a dictionary state with an empty message, which
/// the JSON formatter would drop. Here a metric line says "Metric {Name} = {Value}" and carries
/// the name, the value and the properties in its State. Every other line is the JSON formatter's.
/// </summary>
internal sealed class MetricJsonConsoleFormatter(IServiceProvider services) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "functions-json";

    // Worker.Core's LogConstants (internal): the metric's event and state keys.
    private const string MetricEventName = "MS_LogMetric";
    private const string NameKey = "Name";
    private const string ValueKey = "Value";

    private ConsoleFormatter? _json;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        _json ??= services.GetServices<ConsoleFormatter>().First(f => f.Name == ConsoleFormatterNames.Json);
        if (logEntry.EventId.Name == MetricEventName && logEntry.State is IEnumerable<KeyValuePair<string, object>> metric)
        {
            var values = metric.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList();
            var name = values.FirstOrDefault(p => p.Key == NameKey).Value;
            var value = values.FirstOrDefault(p => p.Key == ValueKey).Value;
            var message = string.Create(CultureInfo.InvariantCulture, $"Metric {name} = {value}");
            _json.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
                logEntry.LogLevel, logEntry.Category, logEntry.EventId, values, logEntry.Exception, (_, _) => message), scopeProvider, textWriter);
            return;
        }

        _json.Write(logEntry, scopeProvider, textWriter);
    }
}
