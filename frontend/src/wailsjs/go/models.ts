export namespace assist {
	
	export interface Request {
	    id: number;
	    at: string;
	    sessionId: number;
	    screen: string;
	    procedure: string;
	    resolvedAt: string;
	    resolvedBy: string;
	}

}

export namespace catalog {
	
	export interface Diff {
	    added: string[];
	    removed: string[];
	    changed: string[];
	}
	export interface Document {
	    name: string;
	    originals?: number;
	    copies?: number;
	    form?: string;
	    formUrl?: string;
	    obtain?: string;
	    notes?: string;
	}
	export interface DossierCase {
	    name: string;
	    time?: string;
	    fee?: string;
	    feeAmount?: number;
	    documents: Document[];
	}
	export interface Form {
	    name: string;
	    url?: string;
	}
	export interface Method {
	    method: string;
	    time: string;
	    fee: string;
	    feeAmount: number;
	}

}

export namespace core {
	
	export interface BindingTypes {
	    Method: catalog.Method;
	    Dossier: catalog.DossierCase;
	    Document: catalog.Document;
	    Form: catalog.Form;
	    Text: skills.Text;
	    Step: skills.Step;
	}
	export interface CentreInfo {
	    mode: string;
	    up: boolean;
	    since: string;
	    url: string;
	    lastError: string;
	}
	export interface CentreLink {
	    mode: string;
	    up: boolean;
	    since: string;
	}
	export interface DeviceStatus {
	    name: string;
	    driver: string;
	    port: string;
	    connected: boolean;
	    detail: string;
	    at: string;
	}
	export interface DossierResult {
	    ok: boolean;
	    status?: dossier.Status;
	    outcome: string;
	    errorVi?: string;
	    errorEn?: string;
	}
	export interface Facets {
	    fields: search.Facet[];
	    levels: search.Facet[];
	    agencies: search.Facet[];
	}
	export interface GuideView {
	    id: string;
	    order: number;
	    icon: string;
	    title: skills.Text;
	    summary: skills.Text;
	    steps: skills.Step[];
	    tips: skills.Text;
	    url: string;
	    qr: string;
	}
	export interface IdentityView {
	    name: string;
	    maskedId: string;
	    age: number;
	    suggestedPriority: string;
	    source: string;
	}
	export interface ModeView {
	    role: string;
	    needsSetup: boolean;
	    lockedUntil?: string;
	    error?: string;
	    errorEn?: string;
	}
	export interface MonitorLine {
	    at: string;
	    format: string;
	    bytes: number;
	    lines: number;
	    timedOut: boolean;
	    ok: boolean;
	    maskedId: string;
	    detail: string;
	}
	export interface PaymentView {
	    id: number;
	    ref: string;
	    procedureCode: string;
	    purpose: string;
	    amount: number;
	    status: string;
	    createdAt: string;
	    expiresAt: string;
	    paidAt: string;
	    bankTxId: string;
	    source: string;
	    reviewReason: string;
	    receiptState: string;
	    amountWords: string;
	    qrPng: string;
	    payload: string;
	    bankName: string;
	    account: string;
	    accountName: string;
	    memo: string;
	    secondsLeft: number;
	}
	export interface PrintResult {
	    ok: boolean;
	    messageVi: string;
	    messageEn: string;
	}
	export interface Problem {
	    area: string;
	    citizen: string;
	    citizenEn: string;
	    detail: string;
	}
	export interface ServiceRef {
	    code: string;
	    name: string;
	    nameEn: string;
	    counters: string[];
	}
	export interface ProcedureView {
	    code: string;
	    name: string;
	    field: string;
	    level: string;
	    agency: string;
	    subjects?: string[];
	    steps?: string[];
	    methods?: catalog.Method[];
	    cases: catalog.DossierCase[];
	    result?: string;
	    conditions?: string[];
	    legalBasis?: string[];
	    forms?: catalog.Form[];
	    onlineLevel?: string;
	    validity?: string;
	    replacedBy?: string;
	    names?: string[];
	    keywords?: string[];
	    popular?: number;
	    source: string;
	    sourceUrl?: string;
	    updated: string;
	    unverified?: string[];
	    feeAmount: number;
	    portalUrl: string;
	    service?: ServiceRef;
	}
	export interface QueueInfo {
	    services: queue.ServiceView[];
	    priorities: string[];
	    suggestedPriority: string;
	}
	export interface RateResult {
	    ok: boolean;
	    reason: string;
	    messageVi: string;
	    messageEn: string;
	}
	export interface SaveResult {
	    ok: boolean;
	    problems: string[];
	}
	export interface ScanEvent {
	    ok: boolean;
	    identity?: IdentityView;
	    errorVi?: string;
	    errorEn?: string;
	}
	export interface SearchResponse {
	    results: search.Result[];
	    suggestions: search.Result[];
	    popular: boolean;
	}
	
	export interface StatusView {
	    centreName: string;
	    kioskId: string;
	    timezone: string;
	    language: string;
	    idleSeconds: number;
	    countdownSeconds: number;
	    version: string;
	    features: string[];
	    problems: Problem[];
	    session: session.State;
	    centre: CentreLink;
	}
	export interface TechSettings {
	    centreName: string;
	    kioskId: string;
	    idleSeconds: number;
	    countdownSeconds: number;
	    printerDriver: string;
	    printerPort: string;
	    printerBaud: number;
	    printerProfile: string;
	    readerDriver: string;
	    readerPort: string;
	    readerBaud: number;
	    readerMode: string;
	    profiles: string[];
	    configPath: string;
	}
	export interface TestPrintResult {
	    ok: boolean;
	    error: string;
	    status: DeviceStatus;
	    preview: string;
	}

}

export namespace dossier {
	
	export interface Text {
	    vi: string;
	    en: string;
	}
	export interface Status {
	    code: string;
	    procedure: string;
	    owner: string;
	    // Go type: time
	    receivedAt?: any;
	    // Go type: time
	    appointmentAt?: any;
	    // Go type: time
	    completedAt?: any;
	    step: Text;
	    ready: boolean;
	    overdue: boolean;
	    collectAt: Text;
	}

}

export namespace payment {
	
	export interface Payment {
	    id: number;
	    ref: string;
	    procedureCode: string;
	    purpose: string;
	    amount: number;
	    status: string;
	    createdAt: string;
	    expiresAt: string;
	    paidAt: string;
	    bankTxId: string;
	    source: string;
	    reviewReason: string;
	    receiptState: string;
	}

}

export namespace queue {
	
	export interface Guidance {
	    procedure: string;
	    name: string;
	    case?: string;
	    ticked: string[];
	    missing: string[];
	    fee?: string;
	    paid?: string;
	}
	export interface ServiceView {
	    code: string;
	    name: string;
	    nameEn: string;
	    prefix: string;
	    counters: string[];
	    fields: string[];
	    waiting: number;
	    issued: number;
	    dailyCap: number;
	    open: boolean;
	    estWait: number;
	}
	export interface Ticket {
	    id: number;
	    code: string;
	    number: number;
	    service: string;
	    serviceName: string;
	    serviceNameEn: string;
	    counters: string[];
	    day: string;
	    peopleAhead: number;
	    issuedAt: string;
	    priority: string;
	    printState: string;
	    printError: string;
	    printedAt: string;
	    reprints: number;
	    called: boolean;
	    adviceVi: string;
	    adviceEn: string;
	    replayed: boolean;
	    line: string;
	    status: string;
	    counter: string;
	    officer: string;
	    calledAt: string;
	    startedAt: string;
	    finishedAt: string;
	    recalls: number;
	    transfers: number;
	    note: string;
	    estWait: number;
	    guidance?: Guidance;
	}

}

export namespace search {
	
	export interface Facet {
	    name: string;
	    count: number;
	}
	export interface Filter {
	    field: string;
	    level: string;
	    agency: string;
	}
	export interface Result {
	    code: string;
	    name: string;
	    field: string;
	    level: string;
	    agency: string;
	    score: number;
	    matched: string[];
	    matchedNames: string[];
	    words: string[];
	}

}

export namespace session {
	
	export interface State {
	    state: string;
	    sessionId: number;
	    secondsLeft: number;
	    reason?: string;
	    language: string;
	}

}

export namespace skills {
	
	export interface Step {
	    icon: string;
	    vi: string;
	    en: string;
	}
	export interface Text {
	    vi: string;
	    en: string;
	}

}

