namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>The parts of faas-cli's stack.yml the gateway reads; unknown keys are ignored.</summary>
internal sealed class StackDocument
{
    public string? Version { get; set; }

    public StackConfiguration? Configuration { get; set; }

    public Dictionary<string, StackFunctionDocument?>? Functions { get; set; }
}

internal sealed class StackConfiguration
{
    public List<StackTemplateDocument>? Templates { get; set; }

    public List<string>? Copy { get; set; }
}

internal sealed class StackTemplateDocument
{
    public string? Name { get; set; }

    public string? Source { get; set; }
}

internal sealed class StackFunctionDocument
{
    public string? Lang { get; set; }

    public string? Handler { get; set; }

    public string? Image { get; set; }

    public string? Namespace { get; set; }

    public Dictionary<string, string?>? Environment { get; set; }

    public List<string>? EnvironmentFile { get; set; }

    public List<string>? Secrets { get; set; }

    public Dictionary<string, string?>? Labels { get; set; }

    public Dictionary<string, string?>? Annotations { get; set; }
}
