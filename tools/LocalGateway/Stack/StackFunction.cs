namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>One function of stack.yml, with variables substituted and paths made absolute.</summary>
internal sealed record StackFunction(
    string Name,
    string Language,
    string HandlerDirectory,
    string Image,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Secrets,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The cron-connector's topic; a function subscribes by listing it in its `topic` annotation.</summary>
    public const string CronTopic = "cron-function";

    /// <summary>
    /// The 5-field cron schedule the cron-connector fires, or null when the function is not
    /// subscribed to the cron topic (the connector ignores a schedule without the topic).
    /// </summary>
    public string? Schedule =>
        Annotations.TryGetValue("topic", out var topics)
        && topics.Split(',', StringSplitOptions.TrimEntries).Contains(CronTopic, StringComparer.Ordinal)
        && Annotations.TryGetValue("schedule", out var schedule)
        && !string.IsNullOrWhiteSpace(schedule)
            ? schedule.Trim()
            : null;
}
