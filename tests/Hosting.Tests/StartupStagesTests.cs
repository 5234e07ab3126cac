using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// Where a cold start spends its time: one log line names each start-up stage with the time it
/// ended since the process started (docs/performance.md reads the bench's cold starts with it).
/// </summary>
public sealed class StartupStagesTests
{
    [Fact]
    public async Task The_start_logs_each_stage_in_order_once_the_host_is_ready()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
        });
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        await process.WaitUntilReadyAsync(client);

        const string prefix = "Start-up stages since the process started: ";
        var line = await process.WaitForLogAsync(l => l.GetProperty("Message").GetString()!.StartsWith(prefix, StringComparison.Ordinal));

        // "entry 95 ms, host built 210 ms, …": the sample's Program.cs is the HostBuilder style,
        // which has no FunctionsApplication.CreateBuilder stages (configured, services registered).
        var stages = line.GetProperty("Message").GetString()![prefix.Length..].Split(", ")
            .Select(s => s.Split(' '))
            .Select(words => (Stage: string.Join(' ', words[..^2]), Milliseconds: double.Parse(words[^2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(["entry", "host built", "validated", "functions found", "pipeline built", "listening", "started"], stages.Select(s => s.Stage));
        var times = stages.Select(s => s.Milliseconds).ToList();
        Assert.Equal(times.Order(), times);
    }
}
