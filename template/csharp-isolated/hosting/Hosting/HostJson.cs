using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// The app's <c>host.json</c> (next to the function's assembly, as Azure Functions reads it from
/// the script root), with Azure's override rule: an app setting
/// <c>AzureFunctionsJobHost__extensions__http__routePrefix</c> wins over the file.
/// </summary>
internal sealed class HostJson
{
    public const string FileName = "host.json";

    /// <summary>Azure's prefix for app settings that override host.json values.</summary>
    public const string OverridePrefix = "AzureFunctionsJobHost";

    /// <summary>Set by Azure Functions to the app's folder; the assembly's folder otherwise.</summary>
    public const string ApplicationDirectoryKey = "FUNCTIONS_APPLICATION_DIRECTORY";

    private readonly IConfiguration _file;
    private readonly IConfiguration _settings;

    private HostJson(IConfiguration file, IConfiguration settings)
    {
        _file = file;
        _settings = settings;
    }

    /// <exception cref="FunctionsStartupException">host.json is not valid JSON.</exception>
    public static HostJson Load(IConfiguration settings)
    {
        var path = Path.Combine(ApplicationDirectory(settings), FileName);
        var file = new ConfigurationBuilder();
        if (File.Exists(path))
        {
            try
            {
                using var stream = File.OpenRead(path);
                file.AddJsonStream(new MemoryStream(ReadWithComments(stream)));
                return new HostJson(file.Build(), settings);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
            {
                throw new FunctionsStartupException($"{path} is not valid JSON: {e.Message}", e);
            }
        }

        return new HostJson(file.Build(), settings);
    }

    public static string ApplicationDirectory(IConfiguration settings) =>
        settings[ApplicationDirectoryKey] is { Length: > 0 } directory ? directory : AppContext.BaseDirectory;

    /// <summary>A value by its host.json path ("extensions:http:routePrefix"); an app setting overrides it.</summary>
    public string? this[string path] => _settings[$"{OverridePrefix}:{path}"] ?? _file[path];

    // Azure reads host.json with comments and trailing commas allowed; the JSON configuration
    // provider does not, so the file is normalised first.
    // Written back with Utf8JsonWriter rather than JsonSerializer, which needs reflection (NativeAOT).
    private static byte[] ReadWithComments(Stream stream)
    {
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
