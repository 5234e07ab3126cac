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
            var state = new MetricState(values, string.Create(CultureInfo.InvariantCulture, $"Metric {name} = {value}"));
            _json.Write(new LogEntry<MetricState>(
                logEntry.LogLevel, logEntry.Category, logEntry.EventId, state, logEntry.Exception, static (s, _) => s.ToString()), scopeProvider, textWriter);
            return;
        }

        _json.Write(logEntry, scopeProvider, textWriter);
    }

    /// <summary>The metric's values as the JSON formatter writes a state: its items, and its message as ToString().</summary>
    private sealed class MetricState(List<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
