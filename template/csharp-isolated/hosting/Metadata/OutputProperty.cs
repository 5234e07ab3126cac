namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>A property of a multi-output return type: an output binding named after the property ("http", "queue"...).</summary>
internal sealed record OutputProperty(GeneratedOutputProperty Property, string BindingType)
{
    public string Name => Property.Name;
}
