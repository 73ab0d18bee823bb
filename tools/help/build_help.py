"""Writes the module's MAML help (src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml) from the
compact JSON sources beside this file. Run after editing a JSON file:

    python3 tools/help/build_help.py tools/help/*.json > src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml

tests/GovernanceModule.Tests/HelpTests.cs checks that every cmdlet has an entry, examples and exactly its
visible parameters.
"""
import json, sys
from xml.sax.saxutils import escape as e

def para(text):
    return "".join(f"<maml:para>{e(p)}</maml:para>" for p in text.split("\n\n"))

def param_xml(p, indent="        "):
    req = "true" if p.get("required") else "false"
    pipe = p.get("pipeline", "False")
    pos = p.get("position", "named")
    aliases = ", ".join(p.get("aliases", [])) or "none"
    out = [f'{indent}<command:parameter required="{req}" variableLength="{str(p["type"].endswith("[]")).lower()}" globbing="false" pipelineInput="{pipe}" position="{pos}" aliases="{aliases}">',
           f'{indent}  <maml:name>{p["name"]}</maml:name>',
           f'{indent}  <maml:description>{para(p["desc"])}</maml:description>',
           f'{indent}  <command:parameterValue required="{"false" if p["type"]=="SwitchParameter" else "true"}" variableLength="false">{p["type"]}</command:parameterValue>',
           f'{indent}  <dev:type><maml:name>{p["type"]}</maml:name></dev:type>',
           f'{indent}  <dev:defaultValue>{e(p.get("default","None"))}</dev:defaultValue>',
           f'{indent}</command:parameter>']
    return "\n".join(out)

def command_xml(c):
    verb, noun = c["name"].split("-", 1)
    params = {p["name"]: p for p in c["parameters"]}
    lines = ['  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">',
             '    <command:details>',
             f'      <command:name>{c["name"]}</command:name>',
             f'      <command:verb>{verb}</command:verb>',
             f'      <command:noun>{noun}</command:noun>',
             f'      <maml:description>{para(c["synopsis"])}</maml:description>',
             '    </command:details>',
             f'    <maml:description>{para(c["description"])}</maml:description>',
             '    <command:syntax>']
    for s in c["syntax"]:
        lines.append('      <command:syntaxItem>')
        lines.append(f'        <maml:name>{c["name"]}</maml:name>')
        for pn in s:
            lines.append(param_xml(params[pn], "        "))
        lines.append('      </command:syntaxItem>')
    lines.append('    </command:syntax>')
    lines.append('    <command:parameters>')
    for p in c["parameters"]:
        lines.append(param_xml(p, "      "))
    lines.append('    </command:parameters>')
    lines.append('    <command:inputTypes>')
    for t in c.get("inputs", []):
        lines.append(f'      <command:inputType><dev:type><maml:name>{e(t[0])}</maml:name></dev:type><maml:description>{para(t[1])}</maml:description></command:inputType>')
    lines.append('    </command:inputTypes>')
    lines.append('    <command:returnValues>')
    for t in c.get("outputs", []):
        lines.append(f'      <command:returnValue><dev:type><maml:name>{e(t[0])}</maml:name></dev:type><maml:description>{para(t[1])}</maml:description></command:returnValue>')
    lines.append('    </command:returnValues>')
    if c.get("notes"):
        lines.append(f'    <maml:alertSet><maml:alert>{para(c["notes"])}</maml:alert></maml:alertSet>')
    lines.append('    <command:examples>')
    for i, ex in enumerate(c["examples"], 1):
        lines.append('      <command:example>')
        lines.append(f'        <maml:title>-------------------------- Example {i}: {e(ex[0])} --------------------------</maml:title>')
        lines.append(f'        <dev:code>{e(ex[1])}</dev:code>')
        lines.append(f'        <dev:remarks>{para(ex[2])}</dev:remarks>')
        lines.append('      </command:example>')
    lines.append('    </command:examples>')
    lines.append('    <command:relatedLinks>')
    for r in c.get("related", []):
        lines.append(f'      <maml:navigationLink><maml:linkText>{r}</maml:linkText></maml:navigationLink>')
    lines.append('    </command:relatedLinks>')
    lines.append('  </command:command>')
    return "\n".join(lines)

cmds = [c for path in sys.argv[1:] for c in json.load(open(path, encoding="utf-8"))]
print('<?xml version="1.0" encoding="utf-8"?>')
print('<helpItems schema="maml" xmlns="http://msh">')
for c in cmds:
    print(command_xml(c))
print('</helpItems>')
