using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>Reads stack.yml the way faas-cli does: variables first, then YAML.</summary>
internal static partial class StackLoader
{
    // OpenFaaS function names become Kubernetes object names: DNS-1123 labels.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static StackDefinition Load(string path, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new StackFileException($"stack file not found: {fullPath}");
        }

        var root = Path.GetDirectoryName(fullPath)!;
        var document = Parse<StackDocument>(fullPath, environment);
        if (document.Functions is not { Count: > 0 })
        {
            throw new StackFileException($"{fullPath}: no functions are defined under `functions:`");
        }

        var functions = document.Functions
            .Select(entry => ToFunction(fullPath, root, entry.Key, entry.Value, environment))
            .ToList();
        var copy = document.Configuration?.Copy?.Where(c => !string.IsNullOrWhiteSpace(c)).ToList() ?? [];
        return new StackDefinition(fullPath, root, copy, functions);
    }

    private static T Parse<T>(string path, Func<string, string?> environment)
        where T : new()
    {
        var text = VariableSubstitution.Expand(File.ReadAllText(path), environment);
        try
        {
            return Yaml.Deserialize<T?>(text) ?? new T();
        }
        catch (YamlException e)
        {
            throw new StackFileException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
    }

    private static StackFunction ToFunction(
        string file, string root, string name, StackFunctionDocument? document, Func<string, string?> environment)
    {
        string Where() => $"{file}: function `{name}`";

        if (!FunctionName().IsMatch(name))
        {
            throw new StackFileException($"{Where()}: the name must be lower-case letters, digits and '-'");
        }

        if (document is null)
        {
            throw new StackFileException($"{Where()} has no settings");
        }

        if (string.IsNullOrWhiteSpace(document.Lang))
        {
            throw new StackFileException($"{Where()}: `lang` is missing");
        }

        if (string.IsNullOrWhiteSpace(document.Handler))
        {
            throw new StackFileException($"{Where()}: `handler` is missing");
        }

        var handler = Path.GetFullPath(Path.Combine(root, document.Handler));
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var envFile in document.EnvironmentFile ?? [])
        {
            var envPath = Path.GetFullPath(Path.Combine(root, envFile));
            if (!File.Exists(envPath))
            {
                throw new StackFileException($"{Where()}: environment_file not found: {envPath}");
            }

            foreach (var (key, value) in Parse<EnvironmentFileDocument>(envPath, environment).Environment ?? [])
            {
                env[key] = value ?? string.Empty;
            }
        }

        foreach (var (key, value) in document.Environment ?? [])
        {
            env[key] = value ?? string.Empty;
        }

        return new StackFunction(
            name,
            document.Lang,
            handler,
            document.Image ?? name,
            env,
            document.Secrets ?? [],
            NonNull(document.Labels),
            NonNull(document.Annotations));
    }

    private static Dictionary<string, string> NonNull(Dictionary<string, string?>? map) =>
        (map ?? []).ToDictionary(e => e.Key, e => e.Value ?? string.Empty, StringComparer.Ordinal);

    private sealed class EnvironmentFileDocument
    {
        public Dictionary<string, string?>? Environment { get; set; }
    }
}
