using System.Reflection;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>How one parameter of a function method gets its value.</summary>
internal sealed record FunctionParameterBinding(ParameterInfo Parameter, ParameterSource Source)
{
    public string Name => Parameter.Name ?? string.Empty;

    public Type Type => Parameter.ParameterType;
}
