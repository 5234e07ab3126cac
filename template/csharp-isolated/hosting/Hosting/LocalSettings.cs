using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// <c>local.settings.json</c>'s <c>Values</c> as configuration when the app runs locally (not
/// under of-watchdog), as Azure Functions Core Tools provides them. Environment variables win;
/// the file never travels into an image (the template's project excludes it from publish).
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    /// <summary>Adds the file's values as the lowest-priority source, when it exists and the process is not under of-watchdog.</summary>
    public static void AddTo(IConfigurationBuilder configuration)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WorkerHostSettings.WatchdogProcessKey)))
        {
            return;
        }

        var directory = Environment.GetEnvironmentVariable(HostJson.ApplicationDirectoryKey) is { Length: > 0 } d ? d : AppContext.BaseDirectory;
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Read(path) });
    }

    private static List<KeyValuePair<string, string?>> Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var values = new List<KeyValuePair<string, string?>>();
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Values", out var section)
                && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in section.EnumerateObject())
                {
                    // Core Tools sets each value as an environment variable, where "__" means ":".
                    var text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
                    values.Add(new(value.Name.Replace("__", ":", StringComparison.Ordinal), text));
                }
            }

            return values;
        }
        catch (JsonException e)
        {
            throw new FunctionsStartupException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
