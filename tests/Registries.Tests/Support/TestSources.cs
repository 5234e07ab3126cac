using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ImageCacheFunctions.Registries.Tests.Support;

/// <summary>
/// A webhook configuration with one source per registry format (<see cref="Senders.FormatSources"/>),
/// loaded the production way: a YAML sources file whose secrets are files in a temporary folder.
/// </summary>
public sealed class TestSources : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registries-tests-").FullName;

    public TestSources(long? maxBodyBytes = null)
    {
        Settings = WebhookSettingsLoader.LoadFile(Senders.WriteSourcesFile(folder, Senders.FormatSources, maxBodyBytes));
        Receiver = new WebhookReceiver(Settings);
    }

    public WebhookSettings Settings { get; }

    public WebhookReceiver Receiver { get; }

    public string Folder => folder;

    /// <summary>
    /// Loads <paramref name="values"/> as a function's configuration would hold them (section
    /// <c>Webhook</c>; <c>__</c> stands for <c>:</c>, as in environment variables).
    /// </summary>
    public static WebhookSettings LoadConfiguration(IEnumerable<KeyValuePair<string, string?>> values) =>
        WebhookSettingsLoader.LoadFromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build()
            .GetSection(WebhookOptions.SectionName));

    /// <summary>Posts a body as <paramref name="source"/> would, authenticated (or with every secret wrong).</summary>
    public WebhookOutcome Post(
        string source,
        byte[] body,
        string? contentType = "application/json",
        Dictionary<string, string>? extraHeaders = null,
        bool named = true,
        bool wrongCredentials = false)
    {
        var (query, headers) = Senders.Credentials(source, body, forged: wrongCredentials);
        if (named)
        {
            query["source"] = source;
        }

        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        foreach (var (key, value) in extraHeaders ?? [])
        {
            headers[key] = value;
        }

        return Receiver.Receive(WebhookRequest.Create("POST", query, headers, body));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
