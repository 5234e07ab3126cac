namespace ImageCacheFunctions.Hosting.Tests.SampleApp;

/// <summary>
/// One sample app process for a test class, as of-watchdog would run it: connector timer mode,
/// both key secrets present, a 1 KiB body limit.
/// </summary>
public sealed class SampleAppFixture : IAsyncLifetime
{
    public const long BodyLimit = 1024;

    private SecretsFolder? _secrets;
    private SampleProcess? _process;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal SampleProcess Process => _process ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _secrets = SecretsFolder.With("function-key", "admin-key");
        _process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = _secrets.Path,
            ["fprocess"] = "dotnet Hosting.SampleFunctions.dll",
            ["MAX_REQUEST_BODY_BYTES"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Every second: due on any cron-connector call, whenever it comes.
            ["FastTimerSchedule"] = "* * * * * *",
        });
        Client.BaseAddress = _process.BaseAddress;
        await _process.WaitUntilReadyAsync(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _secrets?.Dispose();
    }
}
