namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>How one parameter of a function method gets its value.</summary>
internal sealed record FunctionParameterBinding(GeneratedParameter Parameter, ParameterSource Source)
{
    public string Name => Parameter.Name;

    public Type Type => Parameter.Type;
}
