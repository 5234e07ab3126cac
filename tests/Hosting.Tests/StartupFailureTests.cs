using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>A process that cannot serve its functions says why in one line and exits with 1.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_missing_key_secret_fails_the_start_naming_the_secret()
    {
        using var secrets = SecretsFolder.With("admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
        });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(process.StandardError);
        Assert.Contains("secret 'function-key' is missing", line, StringComparison.Ordinal);
        Assert.Contains("'orders'", line, StringComparison.Ordinal);
        AssertNoStackTrace(process);
    }

    [Fact]
    public async Task A_missing_schedule_setting_fails_the_start_naming_the_setting()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
        });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(process.StandardError);
        Assert.Contains("setting 'FastTimerSchedule' is missing", line, StringComparison.Ordinal);
        AssertNoStackTrace(process);
    }

    [Fact]
    public async Task An_invalid_host_setting_fails_the_start_naming_the_setting()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
            ["FUNCTIONS_TIMER_MODE"] = "sometimes",
        });

        Assert.Equal(1, await process.WaitForExitAsync());
        Assert.Contains("FUNCTIONS_TIMER_MODE", Assert.Single(process.StandardError), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_options_validation_fails_the_start_with_its_message()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
            ["Sample__Region"] = null,
        });

        Assert.Equal(1, await process.WaitForExitAsync());
        var line = Assert.Single(process.StandardError);
        Assert.Contains("Sample__Region is missing", line, StringComparison.Ordinal);
        AssertNoStackTrace(process);
    }

    private static void AssertNoStackTrace(SampleProcess process) =>
        Assert.DoesNotContain(process.StandardOutput.Concat(process.StandardError), l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("\\n   at ", StringComparison.Ordinal));
}
