using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// Interleaves the functions' stdout/stderr on the gateway's console, one entry at a time.
/// A function logs one JSON object per line (the host's JSON console formatter, what a log
/// collector wants in production); <see cref="LogFormat.Text"/> renders each for a person:
/// local time, level, function, message, call id, and the exception in full below it. Lines
/// that are not such an object (a crash's stack trace, plain Console output) pass through.
/// <see cref="LogFormat.Json"/> prints every line as the function wrote it, prefixed with its name.
/// </summary>
internal sealed class FunctionOutput(LogFormat format, TextWriter writer, TimeZoneInfo timeZone)
{
    private const string Indent = "    ";

    private readonly Lock _gate = new();

    public static FunctionOutput Console(LogFormat format) => new(format, System.Console.Out, TimeZoneInfo.Local);

    public void Write(string function, string? line)
    {
        if (line is null)
        {
            return;
        }

        var text = format == LogFormat.Text ? Render(function, line, timeZone) : null;
        lock (_gate)
        {
            writer.WriteLine(text ?? $"[{function}] {line}");
        }
    }

    /// <summary>The line for a person; null when it is not a log entry of the JSON console formatter.</summary>
    internal static string? Render(string function, string line, TimeZoneInfo timeZone)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("LogLevel", out var level) || level.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("Message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = new StringBuilder();
            if (root.TryGetProperty("Timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                text.Append(TimeZoneInfo.ConvertTime(time, timeZone).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(ShortLevel(level.GetString())).Append(' ').Append(function).Append(": ");
            AppendIndented(text, message.GetString()!);
            if (CallId(root) is { } callId)
            {
                text.Append("  (call ").Append(callId).Append(')');
            }

            if (root.TryGetProperty("Exception", out var exception) && exception.ValueKind == JsonValueKind.String)
            {
                text.AppendLine();
                text.Append(Indent);
                AppendIndented(text, exception.GetString()!.TrimEnd());
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The names of Microsoft's simple console formatter, which .NET developers know from `dotnet run`.
    private static string ShortLevel(string? level) => level switch
    {
        "Trace" => "trce",
        "Debug" => "dbug",
        "Information" => "info",
        "Warning" => "warn",
        "Error" => "fail",
        "Critical" => "crit",
        _ => level ?? "?",
    };

    // The host opens a scope {"CallId": X-Call-Id} around every HTTP call.
    private static string? CallId(JsonElement root)
    {
        if (!root.TryGetProperty("Scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("CallId", out var id) && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString();
            }
        }

        return null;
    }

    private static void AppendIndented(StringBuilder text, string value) =>
        text.Append(value.ReplaceLineEndings(Environment.NewLine + Indent));
}
