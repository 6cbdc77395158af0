// The roles of a document being prepared: names, required or optional, in
// signing order. The admin renames, reorders, adds and removes them in the
// list #pl-roles; the field inspector's role menu follows.

export interface Role {
  name: string;
  required: boolean;
}

export interface RoleEditorHooks {
  /** A role was renamed: the fields it owned follow. */
  renamed(from: string, to: string): void;
  /** The roles changed: the field inspector shows them again. */
  changed(): void;
}

export class RoleEditor {
  readonly roles: Role[];

  constructor(
    initial: Role[],
    private readonly hooks: RoleEditorHooks,
  ) {
    this.roles = initial;
    document.getElementById('pl-role-add')?.addEventListener('click', () => {
      this.roles.push({ name: `Signer ${this.roles.length + 1}`, required: true });
      this.render();
      document.getElementById(`pl-role-name-${this.roles.length - 1}`)?.focus();
    });
  }

  render(): void {
    const ol = document.getElementById('pl-roles');
    if (ol) ol.replaceChildren(...this.roles.map((r, i) => this.row(r, i)));
    this.hooks.changed();
  }

  private row(r: Role, i: number): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'pl-role';
    const name = input('text', `pl-role-name-${i}`, r.name);
    name.maxLength = 60;
    name.addEventListener('change', () => {
      const old = r.name;
      r.name = name.value.trim();
      this.hooks.renamed(old, r.name);
      this.hooks.changed();
    });
    const req = input('checkbox', `pl-role-req-${i}`);
    req.checked = r.required;
    req.addEventListener('change', () => (r.required = req.checked));
    const called = r.name || `role ${i + 1}`;
    li.append(labelled(`pl-role-name-${i}`, `Role ${i + 1} name`), name, req, labelled(`pl-role-req-${i}`, 'Required'));
    li.append(
      small('Up', `Move ${called} up`, i === 0, () => this.move(i, -1)),
      small('Down', `Move ${called} down`, i === this.roles.length - 1, () => this.move(i, 1)),
      small('Remove', `Remove ${called}`, this.roles.length === 1, () => {
        this.roles.splice(i, 1);
        this.render();
      }),
    );
    return li;
  }

  private move(i: number, d: number): void {
    const [r] = this.roles.splice(i, 1);
    this.roles.splice(i + d, 0, r!);
    this.render();
    document.getElementById(`pl-role-name-${i + d}`)?.focus();
  }
}

function input(type: string, id: string, value = ''): HTMLInputElement {
  const i = document.createElement('input');
  i.type = type;
  i.id = id;
  i.value = value;
  i.autocomplete = 'off';
  return i;
}

function labelled(id: string, text: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.htmlFor = id;
  l.textContent = text;
  return l;
}

function small(text: string, aria: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'ws-btn ws-btn-quiet pl-small';
  b.textContent = text;
  b.setAttribute('aria-label', aria);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}
