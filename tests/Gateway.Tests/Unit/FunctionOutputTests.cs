using ImageCacheFunctions.LocalGateway.Functions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

/// <summary>
/// The gateway's console shows each function's log entry for a person. The input lines are
/// written by Microsoft's own JSON console formatter with the options the function host uses
/// (template/csharp-isolated/hosting: scopes on, UTC, ISO timestamps), so a change of its shape
/// fails here.
/// </summary>
public sealed class FunctionOutputTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 19, 58, 1, 234, TimeSpan.Zero);

    private static string JsonLine(LogLevel level, string message, Exception? exception = null, string? callId = null)
    {
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }))
            .BuildServiceProvider();
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        var scopes = new LoggerExternalScopeProvider();
        using var call = callId is null ? null : scopes.Push(new Dictionary<string, object?> { ["CallId"] = callId });
        using var function = scopes.Push(new Dictionary<string, object?> { ["FunctionName"] = "Reconcile", ["InvocationId"] = "inv-1" });
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(level, "ImageCacheFunctions.Reconcile", new EventId(7), message, exception, (s, _) => s), scopes, writer);
        var line = writer.ToString().TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', line);

        // The formatter stamps the current time; the renderer is checked against a known one.
        return System.Text.RegularExpressions.Regex.Replace(line, "\"Timestamp\":\"[^\"]+\"", $"\"Timestamp\":\"{At:yyyy-MM-ddTHH:mm:ss.fffZ}\"");
    }

    private static string Rendered(string line, LogFormat format = LogFormat.Text)
    {
        using var writer = new StringWriter();
        new FunctionOutput(format, writer, TimeZoneInfo.Utc).Write("reconcile-status", line);
        return writer.ToString().TrimEnd('\n', '\r');
    }

    [Fact]
    public void An_entry_reads_time_level_function_message_and_call_id()
    {
        var text = Rendered(JsonLine(LogLevel.Information, "Reconciled 3 ImageCaches", callId: "5b1f0c2e"));

        Assert.Equal("19:58:01.234 info reconcile-status: Reconciled 3 ImageCaches  (call 5b1f0c2e)", text);
    }

    [Fact]
    public void An_exception_is_printed_in_full_below_the_entry()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("ECI answered 503", new TimeoutException("inner cause"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var lines = Rendered(JsonLine(LogLevel.Error, "Reconcile failed", thrown)).Split(Environment.NewLine);

        Assert.Equal("19:58:01.234 fail reconcile-status: Reconcile failed", lines[0]);
        Assert.Equal("    System.InvalidOperationException: ECI answered 503", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("     ---> System.TimeoutException: inner cause", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(nameof(An_exception_is_printed_in_full_below_the_entry), StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("    ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_multi_line_message_stays_under_its_entry()
    {
        var text = Rendered(JsonLine(LogLevel.Warning, "first\nsecond"));

        Assert.Equal($"19:58:01.234 warn reconcile-status: first{Environment.NewLine}    second", text);
    }

    [Theory]
    [InlineData("Unhandled exception. System.Exception: boom")]
    [InlineData("   at Program.<Main>$(String[] args)")]
    [InlineData("{not json")]
    [InlineData("{\"some\":\"other json\"}")]
    public void A_line_that_is_not_a_log_entry_passes_through_with_the_function_name(string line)
    {
        Assert.Equal($"[reconcile-status] {line}", Rendered(line));
    }

    [Fact]
    public void The_json_format_keeps_the_line_as_the_function_wrote_it()
    {
        var line = JsonLine(LogLevel.Information, "Reconciled 3 ImageCaches", callId: "5b1f0c2e");

        Assert.Equal($"[reconcile-status] {line}", Rendered(line, LogFormat.Json));
    }

    [Fact]
    public void Local_time_is_the_viewers_time_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus8", TimeSpan.FromHours(8), "plus8", "plus8");
        using var writer = new StringWriter();

        new FunctionOutput(LogFormat.Text, writer, zone).Write("f", JsonLine(LogLevel.Debug, "m"));

        Assert.StartsWith("03:58:01.234 dbug f: m", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_lines_at_the_end_of_a_stream_print_nothing()
    {
        using var writer = new StringWriter();

        new FunctionOutput(LogFormat.Text, writer, TimeZoneInfo.Utc).Write("f", null);

        Assert.Equal(string.Empty, writer.ToString());
    }
}
