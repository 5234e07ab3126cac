using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpenFaaS.Functions.Worker.Generators;

/// <summary>An attribute as the C# expression that creates the same instance (its constructor arguments and named properties).</summary>
internal static class AttributeSource
{
    public static string List(IEnumerable<AttributeData> attributes)
    {
        var created = attributes.Where(Creatable).Select(New).ToList();
        return created.Count == 0
            ? "global::System.Array.Empty<global::System.Attribute>()"
            : "new global::System.Attribute[] { " + string.Join(", ", created) + " }";
    }

    public static string New(AttributeData attribute)
    {
        var constructor = attribute.AttributeConstructor!;
        var arguments = attribute.ConstructorArguments.Select((argument, i) => $"({FunctionSource.Name(constructor.Parameters[i].Type)})({Constant(argument)})");
        var text = $"new {FunctionSource.Name(attribute.AttributeClass!)}({string.Join(", ", arguments)})";
        return attribute.NamedArguments.Length == 0
            ? text
            : text + " { " + string.Join(", ", attribute.NamedArguments.Select(named => $"{named.Key} = {Constant(named.Value)}")) + " }";
    }

    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    public static string Primitive(object value) => value is string text ? Literal(text) : SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);

    private static bool Creatable(AttributeData attribute) =>
        attribute.AttributeClass is { TypeKind: not TypeKind.Error, DeclaredAccessibility: Accessibility.Public }
        && attribute.AttributeConstructor is { DeclaredAccessibility: Accessibility.Public };

    private static string Constant(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            // The constructor's parameter type is cast around it; a nullable property takes it as is.
            return "null!";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Array => $"new {FunctionSource.Name(((IArrayTypeSymbol)constant.Type!).ElementType)}[] {{ {string.Join(", ", constant.Values.Select(Constant))} }}",
            TypedConstantKind.Type => $"typeof({FunctionSource.Name((ITypeSymbol)constant.Value!)})",
            _ => $"({FunctionSource.Name(constant.Type!)})({Primitive(constant.Value!)})",
        };
    }
}
