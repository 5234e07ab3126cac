using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>The host's settings, read from configuration (environment variables under OpenFaaS).</summary>
/// <remarks>
/// ConnectorNeedsKey: whether a cron-connector call must carry the function key like an
/// AuthorizationLevel.Function call (<see cref="ConnectorAuthKey"/> = <c>key</c>, the default),
/// or is trusted because the platform authenticates it before it reaches the process
/// (<c>none</c>: OpenFaaS Pro IAM with the watchdog's function authentication).
/// </remarks>
internal sealed record WorkerHostSettings(int Port, long MaxRequestBodyBytes, string SecretsDirectory, TimerMode TimerMode, HttpRoutes Routes, bool UnderWatchdog, bool ConnectorNeedsKey)
{
    public const string PortKey = "PORT";
    public const string MaxRequestBodyBytesKey = "MAX_REQUEST_BODY_BYTES";
    public const string SecretsDirectoryKey = "OPENFAAS_SECRETS_DIR";
    public const string TimerModeKey = "FUNCTIONS_TIMER_MODE";
    public const string ConnectorAuthKey = "FUNCTIONS_CONNECTOR_AUTH";

    /// <summary>Set by of-watchdog's image: its presence means the process runs under the watchdog.</summary>
    public const string WatchdogProcessKey = "fprocess";

    public const int DefaultPort = 5000;
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;
    public const string DefaultSecretsDirectory = "/var/openfaas/secrets";

    /// <exception cref="FunctionsStartupException">A setting has an invalid value.</exception>
    public static WorkerHostSettings From(IConfiguration configuration)
    {
        var port = ReadNumber(PortSetting(configuration), PortKey, DefaultPort, 0, 65535);
        var maxBody = ReadNumber(configuration[MaxRequestBodyBytesKey], MaxRequestBodyBytesKey, DefaultMaxRequestBodyBytes, 1, long.MaxValue);
        var secrets = configuration[SecretsDirectoryKey];
        var mode = configuration[TimerModeKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => string.IsNullOrEmpty(configuration[WatchdogProcessKey]) ? TimerMode.Quartz : TimerMode.Connector,
            "connector" => TimerMode.Connector,
            "quartz" => TimerMode.Quartz,
            var other => throw new FunctionsStartupException(
                $"setting {TimerModeKey} is '{other}'; expected connector, quartz or auto."),
        };

        var connectorNeedsKey = configuration[ConnectorAuthKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "key" => true,
            "none" => false,
            var other => throw new FunctionsStartupException(
                $"setting {ConnectorAuthKey} is '{other}'; expected key (cron-connector calls carry the function key) or none (the platform authenticates them)."),
        };

        return new WorkerHostSettings(
            (int)port,
            maxBody,
            string.IsNullOrWhiteSpace(secrets) ? DefaultSecretsDirectory : secrets,
            mode,
            HttpRoutes.From(HostJson.Load(configuration)),
            !string.IsNullOrEmpty(configuration[WatchdogProcessKey]),
            connectorNeedsKey);
    }

    /// <summary>
    /// PORT, matched case-sensitively in the environment. Configuration keys ignore case, so
    /// through configuration alone of-watchdog's own lower-case `port` (the port the watchdog
    /// listens on, which a user may set in stack.yml) would read as PORT and the host would try
    /// to take the watchdog's port. Configuration sources other than the environment (tests,
    /// appsettings) are read only when the environment has no variable of that name in any case.
    /// </summary>
    private static string? PortSetting(IConfiguration configuration)
    {
        if (Environment.GetEnvironmentVariable(PortKey) is { } exact)
        {
            return exact;
        }

        var anyCase = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Any(name => string.Equals(name, PortKey, StringComparison.OrdinalIgnoreCase));
        return anyCase ? null : configuration[PortKey];
    }

    private static long ReadNumber(string? text, string key, long fallback, long min, long max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FunctionsStartupException(
                string.Create(CultureInfo.InvariantCulture, $"setting {key} is '{text}'; expected a whole number from {min} to {max}."));
        }

        return value;
    }
}
