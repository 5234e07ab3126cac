namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>A function the gateway fires on a schedule, and when it fires next.</summary>
internal sealed record ScheduledFunction(string Name, string Schedule, DateTimeOffset? NextFireTime);
