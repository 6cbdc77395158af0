// Offline checks of the package's Apex (force-app/**/classes, triggers): no
// org is needed, so they run in every `npm test`. Every file must parse with
// a real Apex parser (@apexdevtools/apex-parser, the grammar behind the Apex
// language server); the rest are the rules an org would only enforce at
// deploy time or never: meta files, a test class per class, callout mocks,
// callouts only through the Named Credential, no secrets, and the
// controllers' method signatures the Lightning components import.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApexErrorListener,
  ApexLexer,
  ApexParserBaseListener,
  ApexParserFactory,
  ApexParseTreeWalker,
  type ApexParserRuleContext,
  type ClassBodyDeclarationContext,
  type ClassDeclarationContext,
  type ModifierContext,
} from '@apexdevtools/apex-parser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORCE_APP = path.join(ROOT, 'force-app');
const API_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')).sourceApiVersion as string;

// ---------------------------------------------------------------------------
// Reading Apex

interface SyntaxError {
  line: number;
  column: number;
  message: string;
}

interface ApexMethod {
  name: string;
  /** Modifier texts as written, annotations included: "@AuraEnabled(cacheable=true)", "public", "static". */
  modifiers: string[];
  returnType: string;
  /** "Type name" per parameter, whitespace as in Apex style: "Map<String, Object> body". */
  params: string[];
}

interface ApexFile {
  /** Relative to force-app, for messages. */
  file: string;
  kind: 'class' | 'trigger';
  source: string;
  errors: SyntaxError[];
  /** The top-level class or trigger name. */
  name: string;
  /** Class modifiers: "@IsTest", "public", "with sharing"…; the trigger's object and events for a trigger. */
  modifiers: string[];
  methods: ApexMethod[];
  /** Every identifier in code (comments and strings excluded). */
  identifiers: Set<string>;
  /** String literals, unquoted. */
  strings: string[];
  /** The code's tokens joined by single spaces (comments dropped), for textual rules. */
  code: string;
  triggerObject?: string;
  triggerEvents?: string[];
}

class CollectingListener extends ApexErrorListener {
  readonly errors: SyntaxError[] = [];
  apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
}

/** Type text with Apex's usual spacing: Map<String,Object> → Map<String, Object>. */
const typeText = (ctx: ApexParserRuleContext) => ctx.getText().replace(/,/g, ', ');

function modifierText(m: ModifierContext): string {
  if (m.annotation()) return m.getText();
  // "with sharing" is two tokens; getText() would glue them.
  return m.children?.map((c) => c.getText()).join(' ') ?? m.getText();
}

/** Parses Apex from a string. kind decides the entry rule: compilationUnit or triggerUnit. */
function readApex(file: string, source: string, kind: 'class' | 'trigger'): ApexFile {
  const listener = new CollectingListener();
  // ApexLexer is generated with ANTLR's caseInsensitive option (apex-parser 5), which replaces
  // the deprecated CaseInsensitiveInputStream; one listener on lexer and parser sees both kinds of error.
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const result: ApexFile = { file, kind, source, errors: listener.errors, name: '', modifiers: [], methods: [], identifiers: new Set(), strings: [], code: '' };

  if (kind === 'trigger') {
    const unit = parser.triggerUnit();
    const ids = unit.id_list?.() ?? [];
    result.name = ids[0]?.getText() ?? '';
    result.triggerObject = ids[1]?.getText() ?? '';
    result.triggerEvents = (unit.triggerCase_list?.() ?? []).map((c) => (c.children ?? []).map((t) => t.getText().toLowerCase()).join(' '));
  } else {
    const unit = parser.compilationUnit();
    const type = unit.typeDeclaration?.();
    const top = type?.classDeclaration?.() ?? null;
    result.name = top?.id()?.getText() ?? type?.interfaceDeclaration?.()?.id()?.getText() ?? type?.enumDeclaration?.()?.id()?.getText() ?? '';
    result.modifiers = (type?.modifier_list?.() ?? []).map(modifierText);
    if (top) {
      const methods: ApexMethod[] = [];
      const walker = new (class extends ApexParserBaseListener {
        enterClassBodyDeclaration = (ctx: ClassBodyDeclarationContext) => {
          // Only the top-level class's own methods: ClassBodyDeclaration → ClassBody → ClassDeclaration.
          if ((ctx.parentCtx?.parentCtx as ClassDeclarationContext | undefined) !== top) return;
          const method = ctx.memberDeclaration?.()?.methodDeclaration?.();
          if (!method) return;
          const params = method.formalParameters()?.formalParameterList?.()?.formalParameter_list?.() ?? [];
          methods.push({
            name: method.id().getText(),
            modifiers: (ctx.modifier_list?.() ?? []).map(modifierText),
            returnType: method.VOID?.() ? 'void' : typeText(method.typeRef()),
            params: params.map((p) => `${typeText(p.typeRef())} ${p.id().getText()}`),
          });
        };
      })();
      ApexParseTreeWalker.DEFAULT.walk(walker, unit);
      result.methods = methods;
    }
  }

  // Tokens again, from a fresh lexer: identifiers, strings and comment-free code for the textual rules.
  const tokens = ApexParserFactory.createLexer(source).getAllTokens();
  const code: string[] = [];
  for (const t of tokens) {
    if (t.type === ApexLexer.COMMENT || t.type === ApexLexer.LINE_COMMENT || t.type === ApexLexer.DOC_COMMENT || t.type === ApexLexer.WS) continue;
    code.push(t.text);
    if (t.type === ApexLexer.Identifier) result.identifiers.add(t.text);
    if (t.type === ApexLexer.StringLiteral) result.strings.push(t.text.slice(1, -1));
    if (t.type === ApexLexer.MultilineStringLiteral) result.strings.push(t.text.slice(3, -3));
  }
  result.code = code.join(' ');
  return result;
}

function findApexFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findApexFiles(full);
    return entry.name.endsWith('.cls') || entry.name.endsWith('.trigger') ? [full] : [];
  });
}

const NEW_HTTP = /\bnew Http \( \)/;

const isTestClass = (f: ApexFile) => f.kind === 'class' && f.modifiers.some((m) => /^@istest\b/i.test(m));

// ---------------------------------------------------------------------------
// The rules, as functions over parsed files, so the checks below can be shown failing.

function syntaxProblems(files: ApexFile[]): string[] {
  // ANTLR lists every token it would have accepted; the first 160 characters say enough.
  const short = (m: string) => (m.length > 160 ? `${m.slice(0, 160)}…` : m);
  return files.flatMap((f) => f.errors.map((e) => `${f.file}:${e.line}:${e.column} ${short(e.message)}`));
}

/** Each class that is not a test needs <Name>Test, an @IsTest class that names it. */
function untestedClasses(files: ApexFile[]): string[] {
  const tests = files.filter(isTestClass);
  return files
    .filter((f) => f.kind === 'class' && !isTestClass(f))
    .filter((f) => !tests.some((t) => t.name.toLowerCase() === `${f.name}Test`.toLowerCase() && t.identifiers.has(f.name)))
    .map((f) => `${f.name}: no ${f.name}Test that exercises it`);
}

/** Each trigger's object must be written by some test class, or the trigger never runs in a test. */
function untestedTriggers(files: ApexFile[]): string[] {
  const tests = files.filter(isTestClass);
  return files
    .filter((f) => f.kind === 'trigger')
    .filter((f) => !tests.some((t) => t.identifiers.has(f.triggerObject!) && /\b(insert|update|upsert)\b/i.test(t.code)))
    .map((f) => `${f.name}: no test writes ${f.triggerObject}`);
}

/** Classes that make callouts: the one that sends HttpRequests, and everything that reaches it. */
function calloutClasses(files: ApexFile[]): Set<string> {
  const product = files.filter((f) => f.kind === 'class' && !isTestClass(f));
  const reaching = new Set(product.filter((f) => NEW_HTTP.test(f.code)).map((f) => f.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of product) {
      if (!reaching.has(f.name) && [...reaching].some((name) => f.identifiers.has(name))) {
        reaching.add(f.name);
        grew = true;
      }
    }
  }
  return reaching;
}

/** A test class that reaches a callout must answer it with a mock (Apex tests cannot call out). */
function testsWithoutCalloutMock(files: ApexFile[]): string[] {
  const callers = calloutClasses(files);
  return files
    .filter(isTestClass)
    .filter((t) => [...callers].some((name) => t.identifiers.has(name)))
    .filter((t) => !/\bTest \. setMock \( HttpCalloutMock \. class ,/.test(t.code))
    .map((t) => `${t.name}: reaches a callout without Test.setMock(HttpCalloutMock.class, …)`);
}

/** Callouts only through callout:Parley: no URL in product Apex, every endpoint from the Named Credential. */
function hardCodedEndpoints(files: ApexFile[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    for (const s of f.strings) {
      const url = /\b(https?|wss?):\/\/([^/'\s?]+)/i.exec(s);
      if (!url) continue;
      const host = url[2]!.toLowerCase();
      // Tests may carry URLs as data in fixtures, on reserved or Salesforce hosts only.
      const fixtureHost = host === 'example.com' || host.endsWith('.example.com') || host.endsWith('salesforce.com');
      if (!isTestClass(f) || !fixtureHost) problems.push(`${f.file}: URL literal '${s}'`);
    }
    for (const s of f.strings) {
      if (/^callout:/i.test(s) && !/^callout:Parley\//.test(s)) problems.push(`${f.file}: callout to another Named Credential '${s}'`);
    }
    const endpoints = [...f.code.matchAll(/\bsetEndpoint \( (.*?) \) ;/g)].map((m) => m[1]);
    if (endpoints.some((e) => !/^BASE_URL \+ /.test(e!))) problems.push(`${f.file}: an endpoint not built from BASE_URL`);
  }
  return problems;
}

/** A profile found by its name: names are translated into the org's language, and admins rename them. */
const PROFILE_BY_NAME = /\bFROM\s+Profile\s+WHERE\b(?:(?!\]|\bORDER\b|\bLIMIT\b).)*?\bName\b/i;

/**
 * Tests that depend on the org they run in: they run in customers' orgs, at install and whenever an
 * admin runs all tests, so they must not read the org's data (SeeAllData) or find a profile by name.
 */
function orgDependentTests(files: ApexFile[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    if (/\bSeeAllData = true\b/i.test(f.code)) problems.push(`${f.file}: SeeAllData=true`);
    if (PROFILE_BY_NAME.test(f.code) || f.strings.some((s) => PROFILE_BY_NAME.test(s))) problems.push(`${f.file}: a Profile looked up by Name`);
  }
  return problems;
}

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bpk\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]{12,}/, 'a Parley org key'],
  [/setHeader\(\s*'X-Parley-Key'/i, 'the org key set by Apex (the External Credential adds it)'],
  [/setHeader\(\s*'Authorization'/i, 'an Authorization header set by Apex'],
  [/\b(password|secret|privateKey|clientSecret|apiKey)\s*=\s*'[^']{6,}'/i, 'a credential assigned in code'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a signed token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'a cloud access key'],
];

function secretsIn(file: string, text: string): string[] {
  return SECRET_PATTERNS.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${file}: ${what}`);
}

// ---------------------------------------------------------------------------
// The package's Apex

const apexFiles = findApexFiles(FORCE_APP).map((full) =>
  readApex(path.relative(FORCE_APP, full), readFileSync(full, 'utf8'), full.endsWith('.trigger') ? 'trigger' : 'class'),
);
const byName = new Map(apexFiles.map((f) => [f.name, f]));

function auraSignatures(className: string): string[] {
  const cls = byName.get(className);
  if (!cls) return [];
  return cls.methods
    .filter((m) => m.modifiers.some((mod) => /^@AuraEnabled/i.test(mod)))
    .map((m) => `${m.modifiers.filter((mod) => mod.startsWith('@')).join(' ')} ${m.modifiers.filter((mod) => !mod.startsWith('@')).join(' ')} ${m.returnType} ${m.name}(${m.params.join(', ')})`);
}

describe('the Apex in force-app', () => {
  it('is there to check', () => {
    expect(apexFiles.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'ParleyClient',
        'ParleyPanelController',
        'ParleySetupController',
        'StartParleySessionAction',
        'ParleyVersionGuard',
        'Parley_Session_Version',
        'Parley_Participant_Version',
        'Parley_Item_Version',
      ]),
    );
  });

  it('parses without a single syntax error', () => {
    expect(syntaxProblems(apexFiles)).toEqual([]);
    for (const f of apexFiles) expect(f.name, `${f.file} declares a type`).not.toBe('');
  });

  it('names each file after the class or trigger in it', () => {
    for (const f of apexFiles) expect(path.basename(f.file).replace(/\.(cls|trigger)$/, ''), f.file).toBe(f.name);
  });

  it('has a -meta.xml for every class and trigger, at the project API version and Active', () => {
    for (const f of apexFiles) {
      const metaPath = path.join(FORCE_APP, `${f.file}-meta.xml`);
      expect(existsSync(metaPath), `${f.file}-meta.xml`).toBe(true);
      const meta = readFileSync(metaPath, 'utf8');
      const root = f.kind === 'class' ? 'ApexClass' : 'ApexTrigger';
      expect(meta, f.file).toMatch(new RegExp(`<${root} xmlns="http://soap.sforce.com/2006/04/metadata">`));
      expect(meta, f.file).toContain(`<apiVersion>${API_VERSION}</apiVersion>`);
      expect(meta, f.file).toContain('<status>Active</status>');
    }
  });

  it('has a test class for every class, and a test that fires every trigger', () => {
    expect(untestedClasses(apexFiles)).toEqual([]);
    expect(untestedTriggers(apexFiles)).toEqual([]);
  });

  it('mocks every callout in tests', () => {
    expect([...calloutClasses(apexFiles)].sort()).toEqual(
      ['ParleyClient', 'ParleyPanelController', 'ParleySessionStarter', 'ParleySetupController', 'StartParleySessionAction'].sort(),
    );
    expect(testsWithoutCalloutMock(apexFiles)).toEqual([]);
    const mock = byName.get('ParleyCalloutMock');
    expect(mock && isTestClass(mock) && /\bimplements HttpCalloutMock\b/.test(mock.code)).toBe(true);
  });

  it('calls out only through the Parley Named Credential, from one client', () => {
    expect(hardCodedEndpoints(apexFiles)).toEqual([]);
    const senders = apexFiles.filter((f) => !isTestClass(f) && NEW_HTTP.test(f.code)).map((f) => f.name);
    expect(senders).toEqual(['ParleyClient']);
    expect(byName.get('ParleyClient')!.strings).toContain('callout:Parley/api/v1');
  });

  it("says who each call acts for with the headers the Worker reads, the Salesforce User Id first", () => {
    const client = byName.get('ParleyClient')!;
    const sent = [...client.code.matchAll(/\bsetHeader \( '(X-Parley-[A-Za-z-]+)' ,/g)].map((m) => m[1]).sort();
    // The org key is the External Credential's to add, never Apex's (see 'holds no secrets').
    const read = [...readFileSync(path.join(ROOT, 'worker/src/auth/crm-caller.ts'), 'utf8').matchAll(/header\('(X-Parley-[A-Za-z-]+)'\)/g)].map((m) => m[1]).sort();
    expect(sent).toEqual(read);
    expect(sent).toContain('X-Parley-Crm-User');
    // The user id, which the Worker keys the agent by, is the running user's own.
    expect(client.code).toContain("setHeader ( 'X-Parley-Crm-User' , UserInfo . getUserId ( ) )");
    expect(byName.get('ParleyCalloutMock')!.strings).toContain('X-Parley-Crm-User');
  });

  it('holds no secrets', () => {
    for (const f of apexFiles) {
      expect(secretsIn(f.file, f.source)).toEqual([]);
      expect(secretsIn(`${f.file}-meta.xml`, readFileSync(path.join(FORCE_APP, `${f.file}-meta.xml`), 'utf8'))).toEqual([]);
    }
  });

  it('has tests that survive any customer org: no org data, no profile by name', () => {
    expect(orgDependentTests(apexFiles)).toEqual([]);
    // Test users get Parley's permission sets, as a customer's agents do.
    expect(byName.get('ParleyTestData')!.code).toContain('new PermissionSetAssignment (');
  });

  it('runs the controllers and the Flow action with the user’s sharing', () => {
    for (const name of ['ParleyClient', 'ParleyPanelController', 'ParleySetupController', 'StartParleySessionAction', 'ParleySessionStarter', 'ParleyRecordPrefill']) {
      expect(byName.get(name)?.modifiers, name).toContain('with sharing');
    }
    for (const f of apexFiles.filter((f) => f.kind === 'class' && !isTestClass(f))) {
      expect(f.modifiers.some((m) => /sharing$/.test(m)), `${f.name} declares its sharing`).toBe(true);
    }
  });

  it('gives the panel component exactly the contract it imports', () => {
    const aura = '@AuraEnabled public static Map<String, Object>';
    expect(auraSignatures('ParleyPanelController').sort()).toEqual(
      [
        `@AuraEnabled(cacheable=true) public static Map<String, Object> getRecordContext(Id recordId)`,
        `${aura} listSessions(Id recordId)`,
        `${aura} getSession(String sessionId)`,
        `${aura} startSession(Id recordId, String name, String email, String phone, Boolean invite, List<String> templateIds, String language)`,
        `${aura} inviteSession(String sessionId)`,
        `${aura} renewSession(String sessionId)`,
        `${aura} endSession(String sessionId)`,
        `${aura} postMessage(String sessionId, String text)`,
        `${aura} listTemplates()`,
        `${aura} getTemplate(String templateId)`,
        `${aura} getSettingsInForce()`,
        `${aura} sendTemplate(String sessionId, String templateId, String rolesJson)`,
        `${aura} listWorkflows()`,
        `${aura} getWorkflow(String workflowId)`,
        `${aura} sendWorkflow(String sessionId, String workflowId, String rolesJson)`,
        `${aura} getLiveToken(String sessionId)`,
        `${aura} getWorkspaceLink(String sessionId)`,
        `${aura} resendInvitation(String sessionId, String participantId, String channel)`,
        `${aura} reengageParticipant(String sessionId, String participantId, String email, String phone)`,
      ].sort(),
    );
  });

  it('gives the setup component exactly the contract it imports', () => {
    const aura = '@AuraEnabled public static Map<String, Object>';
    expect(auraSignatures('ParleySetupController').sort()).toEqual(
      [
        `${aura} getSettings()`,
        `${aura} saveSettings(String patchJson)`,
        `${aura} listTeams()`,
        `${aura} createTeam(String name)`,
        `${aura} getTeamSettings(String teamId)`,
        `${aura} saveTeamSettings(String teamId, String patchJson)`,
        `${aura} getNotificationSettings()`,
        `${aura} saveNotificationSettings(String patchJson)`,
        `${aura} getMessagingProviders()`,
        `${aura} saveMessagingProviders(String patchJson)`,
        `${aura} listAgents()`,
        `${aura} checkConnection()`,
        `${aura} resyncWriteback()`,
      ].sort(),
    );
  });

  it('has every Apex method the Lightning components import', () => {
    const lwcDir = path.join(FORCE_APP, 'main/default/lwc');
    const sources = existsSync(lwcDir)
      ? readdirSync(lwcDir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith('.js'))
          .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      : [];
    const imported = new Set(sources.flatMap((s) => [...s.matchAll(/@salesforce\/apex\/(\w+)\.(\w+)/g)].map((m) => `${m[1]}.${m[2]}`)));
    const missing = [...imported].filter((ref) => {
      const [cls, method] = ref.split('.') as [string, string];
      return !byName.get(cls)?.methods.some((m) => m.name === method && m.modifiers.some((mod) => /^@AuraEnabled/i.test(mod)));
    });
    expect(missing).toEqual([]);
  });

  it('offers Flow the "Start Parley session" action with its inputs and outputs', () => {
    const action = byName.get('StartParleySessionAction')!;
    const start = action.methods.find((m) => m.modifiers.some((mod) => mod.startsWith('@InvocableMethod')));
    expect(start).toBeDefined();
    const annotation = start!.modifiers.find((mod) => mod.startsWith('@InvocableMethod'))!;
    expect(annotation).toContain("label='Start Parley session'");
    expect(annotation).toContain('callout=true');
    expect(start!.returnType).toBe('List<SessionResult>');
    expect(start!.params).toEqual(['List<SessionRequest> requests']);
    // Global, so that customers' own flows can call it from the managed package.
    expect(action.modifiers).toContain('global');
    expect(start!.modifiers).toContain('global');
    expect(action.code).toContain('global class SessionRequest {');
    expect(action.code).toContain('global class SessionResult {');
    for (const input of ['recordId', 'customerName', 'customerEmail', 'customerPhone', 'sendNow', 'templateNames', 'sessionId', 'status', 'reused', 'errorMessage']) {
      // The annotation's arguments may hold parentheses inside quoted descriptions.
      expect(action.code, input).toMatch(new RegExp(`@ InvocableVariable \\( (?:'(?:[^'\\\\]|\\\\.)*'|[^)'])* \\) global \\w+( < \\w+ >)? ${input} ;`));
    }
  });

  it('has the Flow action refuse the Automated Process user, which scheduled paths run as', () => {
    const action = byName.get('StartParleySessionAction')!;
    expect(action.code).toContain('UserInfo . getUserType ( )');
    expect(action.strings).toContain('AutomatedProcess');
    expect(action.source).toMatch(/Scheduled paths[\s\S]{0,200}Automated Process user/);
    // Both branches are tested in Apex, through the seam System.runAs cannot replace.
    const test = byName.get('StartParleySessionActionTest')!;
    expect(test.code).toContain('StartParleySessionAction . userTypeOverride = StartParleySessionAction . AUTOMATED_PROCESS ;');
    // The lexer reads System.runAs as one token.
    expect(test.code).toMatch(/\bSystem ?\. ?runAs \(/);
  });

  it('guards the version of every write-back object before update, then shares it by Parley\'s search space', () => {
    const triggers = apexFiles.filter((f) => f.kind === 'trigger');
    expect(Object.fromEntries(triggers.map((t) => [t.name, t.triggerObject]))).toEqual({
      Parley_Session_Version: 'Parley_Session__c',
      Parley_Participant_Version: 'Parley_Participant__c',
      Parley_Item_Version: 'Parley_Item__c',
    });
    for (const t of triggers) {
      expect(t.triggerEvents, t.name).toEqual(['before update', 'after insert', 'after update']);
      expect(t.code, t.name).toContain('ParleyVersionGuard . keepNewest ( Trigger . new , Trigger . oldMap ) ;');
      const share = t.triggerObject === 'Parley_Session__c' ? 'sessionsSaved' : 'childrenSaved';
      expect(t.code, t.name).toContain(`ParleySessionSharing . ${share} ( Trigger . new ) ;`);
    }
    // It maintains share rows, so it is the one class that must run without sharing, and says why.
    const sharing = byName.get('ParleySessionSharing')!;
    expect(sharing.modifiers).toContain('without sharing');
    expect(sharing.source).toMatch(/without sharing: its job is maintaining share rows/);
  });
});

// ---------------------------------------------------------------------------
// The checks above must be able to fail.

describe('the checks catch what they are for', () => {
  it('reports a syntax error with its file and line', () => {
    const broken = readApex('classes/Broken.cls', 'public class Broken {\n    public void run() {\n        Integer count = ;\n    }\n}\n', 'class');
    const problems = syntaxProblems([broken]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^classes\/Broken\.cls:3:\d+ /);
  });

  it('reports an error the lexer finds (a bad escape in a string)', () => {
    const broken = readApex('classes/BadEscape.cls', "public class BadEscape {\n    String s = 'a \\q b';\n}\n", 'class');
    expect(syntaxProblems([broken])).not.toEqual([]);
  });

  it('reports a broken trigger', () => {
    const broken = readApex('triggers/Broken.trigger', 'trigger Broken on Account (before sometimes) {\n}\n', 'trigger');
    expect(syntaxProblems([broken])).not.toEqual([]);
  });

  it('reads keywords in any case, as Apex does', () => {
    const shouting = readApex('classes/Shouting.cls', 'PUBLIC With Sharing CLASS Shouting {\n    Public Static VOID run() { IF (TRUE) { RETURN; } }\n}\n', 'class');
    expect(syntaxProblems([shouting])).toEqual([]);
    expect(shouting.modifiers).toContain('With Sharing');
    expect(shouting.methods.map((m) => m.name)).toEqual(['run']);
  });

  it('reports a class without a test class', () => {
    const lonely = readApex('classes/Lonely.cls', 'public with sharing class Lonely { }', 'class');
    const unrelated = readApex('classes/LonelyTest.cls', '@IsTest private class LonelyTest { @IsTest static void t() { Assert.isTrue(true); } }', 'class');
    expect(untestedClasses([lonely, unrelated])).toEqual(['Lonely: no LonelyTest that exercises it']);
    const real = readApex('classes/LonelyTest.cls', '@IsTest private class LonelyTest { @IsTest static void t() { new Lonely(); } }', 'class');
    expect(untestedClasses([lonely, real])).toEqual([]);
  });

  it('reports a test that reaches a callout without a mock', () => {
    const client = readApex('classes/Client.cls', 'public with sharing class Client { public static void go() { HttpResponse r = new Http().send(new HttpRequest()); } }', 'class');
    const careless = readApex('classes/ClientTest.cls', '@IsTest private class ClientTest { @IsTest static void t() { Client.go(); } }', 'class');
    expect(testsWithoutCalloutMock([client, careless])).toEqual(['ClientTest: reaches a callout without Test.setMock(HttpCalloutMock.class, …)']);
  });

  it('reports an endpoint that bypasses the Named Credential', () => {
    const direct = readApex(
      'classes/Direct.cls',
      "public with sharing class Direct { public static void go() { HttpRequest r = new HttpRequest(); r.setEndpoint('https://parley.example.com/api/v1/me'); } }",
      'class',
    );
    expect(hardCodedEndpoints([direct])).toEqual([
      "Direct.cls: URL literal 'https://parley.example.com/api/v1/me'".replace('Direct.cls', 'classes/Direct.cls'),
      'classes/Direct.cls: an endpoint not built from BASE_URL',
    ]);
    const other = readApex('classes/Other.cls', "public with sharing class Other { String u = 'callout:Elsewhere/x'; }", 'class');
    expect(hardCodedEndpoints([other])).toEqual(["classes/Other.cls: callout to another Named Credential 'callout:Elsewhere/x'"]);
  });

  it('reports tests that depend on the org: SeeAllData, a profile by its name', () => {
    const seeing = readApex('classes/SeeingTest.cls', '@IsTest(SeeAllData=true) private class SeeingTest { @IsTest static void t() { Assert.isTrue(true); } }', 'class');
    const named = readApex(
      'classes/NamedTest.cls',
      "@IsTest private class NamedTest { static Id p() { return [SELECT Id FROM Profile WHERE UserType = 'Standard' AND Name = 'Standard User' LIMIT 1].Id; } }",
      'class',
    );
    const dynamic = readApex('classes/DynamicTest.cls', "@IsTest private class DynamicTest { static String q = 'SELECT Id FROM Profile WHERE Name IN :names'; }", 'class');
    expect(orgDependentTests([seeing, named, dynamic])).toEqual([
      'classes/SeeingTest.cls: SeeAllData=true',
      'classes/NamedTest.cls: a Profile looked up by Name',
      'classes/DynamicTest.cls: a Profile looked up by Name',
    ]);
    const byPermissions = readApex(
      'classes/FineTest.cls',
      "@IsTest(SeeAllData=false) private class FineTest { static Id p() { return [SELECT Id FROM Profile WHERE PermissionsModifyAllData = FALSE ORDER BY Name LIMIT 1].Id; } }",
      'class',
    );
    expect(orgDependentTests([byPermissions])).toEqual([]);
  });

  it('reports secrets', () => {
    expect(secretsIn('classes/Leaky.cls', "req.setHeader('X-Parley-Key', 'pk.org_Acme000000000001.s3cr3tS3cr3tS3cr3t');")).toEqual([
      'classes/Leaky.cls: a Parley org key',
      'classes/Leaky.cls: the org key set by Apex (the External Credential adds it)',
    ]);
    expect(secretsIn('classes/Pem.cls', "String k = '-----BEGIN RSA PRIVATE KEY-----';")).toEqual(['classes/Pem.cls: a private key']);
  });
});
